/**
 * SNS (query protocol, 2010-03-31): Publish, with AWS's limits and error codes:
 * total size ≤ 262,144 bytes (message + attribute names, types and values), Subject ≤ 100 printable ASCII
 * characters without line breaks, `MessageStructure=json` needs a JSON object with a string `default`.
 */
import { randomUUID } from 'node:crypto';
import { AwsError } from '../protocols/aws-error';
import { entryList } from '../protocols/form-params';
import { el } from '../protocols/xml';
import type { PublishedMessage, ServiceDefinition } from './service';

export const SNS_MAX_MESSAGE_BYTES = 262_144;
export const SNS_MAX_SUBJECT_CHARS = 100;
const MAX_ATTRIBUTES = 10;

function invalidParameter(what: string): AwsError {
  return new AwsError('InvalidParameter', `Invalid parameter: ${what}`);
}

/** SNS's code for InvalidParameterValueException. */
function invalidParameterValue(message: string): AwsError {
  return new AwsError('ParameterValueInvalid', message);
}

function checkSubject(subject: string | undefined): void {
  if (subject === undefined) return;
  if (subject.length === 0 || subject.length > SNS_MAX_SUBJECT_CHARS || !/^[\x20-\x7e]+$/.test(subject)) {
    throw invalidParameter('Subject');
  }
}

function checkStructure(structure: string | undefined, message: string): void {
  if (structure === undefined || structure === '') return;
  if (structure !== 'json') throw invalidParameter('MessageStructure');
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw invalidParameter('Message Structure - JSON message body failed to parse');
  }
  if (typeof (parsed as Record<string, unknown>).default !== 'string') {
    throw invalidParameter('Message Structure - No default entry in JSON message body');
  }
}

type Attributes = Record<string, { dataType: string; stringValue?: string }>;

function readAttributes(params: Readonly<Record<string, string>>): { attributes: Attributes; bytes: number } {
  const entries = entryList(params, 'MessageAttributes');
  if (entries.length > MAX_ATTRIBUTES) {
    throw invalidParameterValue(
      `Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`,
    );
  }
  const attributes: Attributes = {};
  let bytes = 0;
  for (const e of entries) {
    const name = e.Name ?? '';
    const dataType = e['Value.DataType'] ?? '';
    const value = e['Value.StringValue'] ?? e['Value.BinaryValue'];
    if (!name) throw invalidParameterValue('The message attribute name must not be empty.');
    if (!/^(String|Number|Binary)(\..+)?$/.test(dataType)) {
      throw invalidParameterValue(
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    if (value === undefined || value === '') {
      throw invalidParameterValue(
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${dataType}'.`,
      );
    }
    bytes += Buffer.byteLength(name) + Buffer.byteLength(dataType) + Buffer.byteLength(value);
    attributes[name] = e['Value.StringValue'] !== undefined ? { dataType, stringValue: value } : { dataType };
  }
  return { attributes, bytes };
}

export const snsService: ServiceDefinition = {
  name: 'sns',
  protocol: 'query',
  namespace: 'http://sns.amazonaws.com/doc/2010-03-31/',
  regional: true,
  actions: {
    Publish: ({ params, index, region, publish }) => {
      const topicArn = params.TopicArn ?? params.TargetArn;
      const message = params.Message;
      if (message === undefined) {
        throw new AwsError(
          'ValidationError',
          "1 validation error detected: Value null at 'message' failed to satisfy constraint: Member must not be null",
        );
      }
      if (!topicArn) throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
      const arn = /^arn:aws[\w-]*:sns:([\w-]+):(\d{12}):([\w-]{1,256})$/.exec(topicArn);
      if (!arn) throw invalidParameter('TopicArn');
      if (message === '') throw invalidParameter('Empty message');
      checkSubject(params.Subject);
      checkStructure(params.MessageStructure, message);
      const { attributes, bytes } = readAttributes(params);
      if (Buffer.byteLength(message) + bytes > SNS_MAX_MESSAGE_BYTES) throw invalidParameter('Message too long');
      if (arn[1] !== region) throw invalidParameter('TopicArn');
      if (!index.topics.has(topicArn)) throw new AwsError('NotFound', 'Topic does not exist', 404);
      const messageId = randomUUID();
      const published: PublishedMessage = {
        topicArn,
        ...(params.Subject !== undefined ? { subject: params.Subject } : {}),
        message,
        ...(params.MessageStructure ? { messageStructure: params.MessageStructure } : {}),
        messageAttributes: attributes,
        region,
        messageId,
      };
      publish(published);
      return el('MessageId', messageId);
    },
  },
};
