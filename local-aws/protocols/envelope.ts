/**
 * What wraps a handler's result or an error on the wire, per protocol: the query and EC2 XML envelopes, REST-XML
 * documents, JSON 1.1 (`X-Amz-Target`) and REST-JSON bodies, with their content types and error headers.
 */
import type { AwsError } from './aws-error';
import { ec2ErrorBody, ec2Response, queryErrorBody, queryResponse } from './query-xml';

export type WireProtocol = 'query' | 'ec2' | 'rest-xml' | 'json' | 'rest-json';

const CONTENT_TYPE: Record<WireProtocol, string> = {
  query: 'text/xml',
  ec2: 'text/xml',
  'rest-xml': 'text/xml',
  json: 'application/x-amz-json-1.1',
  'rest-json': 'application/json',
};

export interface Envelope {
  readonly protocol: WireProtocol;
  /** XML namespace (query, EC2, REST-XML) or JSON target prefix. */
  readonly namespace: string;
}

export function contentType(protocol: WireProtocol): string {
  return CONTENT_TYPE[protocol];
}

const isJson = (protocol: WireProtocol): boolean => protocol === 'json' || protocol === 'rest-json';

/** The headers that carry the request id and, for the JSON protocols, the error code the SDK reads first. */
export function replyHeaders(protocol: WireProtocol, requestId: string, errorCode?: string): Record<string, string> {
  return {
    [protocol === 'rest-xml' ? 'x-amz-request-id' : 'x-amzn-requestid']: requestId,
    ...(isJson(protocol) && errorCode ? { 'x-amzn-errortype': errorCode } : {}),
  };
}

/** The response body around a handler's result (query and EC2 add their envelopes; the others are whole). */
export function successBody(envelope: Envelope, action: string, result: string, requestId: string): string {
  switch (envelope.protocol) {
    case 'query':
      return queryResponse(action, envelope.namespace, result, requestId);
    case 'ec2':
      return ec2Response(action, envelope.namespace, result, requestId);
    case 'rest-xml':
    case 'json':
    case 'rest-json':
      return result;
  }
}

/**
 * The error body: JSON 1.1 `{__type, message}`; REST-JSON `{Code, Message}` (Security Hub's error members);
 * otherwise the XML error documents.
 */
export function errorBody(envelope: Envelope, error: AwsError, requestId: string): string {
  switch (envelope.protocol) {
    case 'json':
      return JSON.stringify({ __type: error.code, message: error.message });
    case 'rest-json':
      return JSON.stringify({ Code: error.code, Message: error.message });
    case 'ec2':
      return ec2ErrorBody(error, requestId);
    case 'query':
      return queryErrorBody(error, requestId);
    case 'rest-xml':
      return queryErrorBody(error, requestId, envelope.namespace);
  }
}
