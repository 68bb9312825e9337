/**
 * Every usage source. Adding one: its file in this folder (pure descriptor + listing, two exports), one line
 * here and one in `listings.ts`.
 *
 * Why two lists: the renderers import this one, and a bundle that renders but never lists (the organization
 * aggregate function) must not carry the SDK's ELB, CloudFront and EC2 clients. Nothing here references a
 * listing, so esbuild drops each source file's listing export, and with it the adapter and its SDK client
 * (test/lambda/sources/bundle.test.ts holds that true). The scan imports `listings.ts`.
 */
import { classicElbSource } from './classic-elb';
import { cloudFrontSource } from './cloudfront';
import { elbv2Source } from './elbv2';
import { sourceRegistry } from './source-registry';

export const USAGE_SOURCES = sourceRegistry([classicElbSource, elbv2Source, cloudFrontSource]);
