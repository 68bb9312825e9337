/**
 * Envelopes for the AWS query protocol (IAM, SNS, ELB, ELBv2) and the EC2 query protocol.
 * Query:  <XResponse xmlns><XResult>..</XResult><ResponseMetadata><RequestId/></ResponseMetadata></XResponse>
 * EC2:    <XResponse xmlns><requestId/>..</XResponse>
 */
import { escapeXml } from './xml';
import type { AwsError } from './aws-error';

const PROLOG = '<?xml version="1.0" encoding="UTF-8"?>\n';

export function queryResponse(action: string, namespace: string, resultXml: string, requestId: string): string {
  const result = resultXml === '' ? '' : `<${action}Result>${resultXml}</${action}Result>`;
  return (
    `${PROLOG}<${action}Response xmlns="${namespace}">${result}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}

export function queryErrorBody(error: AwsError, requestId: string, namespace?: string): string {
  const ns = namespace ? ` xmlns="${namespace}"` : '';
  return (
    `${PROLOG}<ErrorResponse${ns}><Error><Type>${error.type}</Type><Code>${escapeXml(error.code)}</Code>` +
    `<Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`
  );
}

export function ec2Response(action: string, namespace: string, innerXml: string, requestId: string): string {
  return `${PROLOG}<${action}Response xmlns="${namespace}"><requestId>${requestId}</requestId>${innerXml}</${action}Response>`;
}

export function ec2ErrorBody(error: AwsError, requestId: string): string {
  return (
    `${PROLOG}<Response><Errors><Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>` +
    `</Error></Errors><RequestID>${requestId}</RequestID></Response>`
  );
}
