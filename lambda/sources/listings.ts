/**
 * How each registered source is listed: through the thin adapters in `lambda/aws/`, and so the SDK. Only the scan
 * imports this (see `registry.ts` for why it is a list of its own); same sources, same order as the registry.
 */
import { classicElbListing } from './classic-elb';
import { cloudFrontListing } from './cloudfront';
import { elbv2Listing } from './elbv2';
import type { SourceListing } from './usage-source';

export const USAGE_LISTINGS: readonly SourceListing[] = [classicElbListing, elbv2Listing, cloudFrontListing];
