import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

/** JSON objects in the run-data bucket (the bucket's default encryption applies). */
export async function putJson(client: S3Client, bucket: string, key: string, value: unknown): Promise<void> {
  await client.send(
    new PutObjectCommand({ Bucket: bucket, Key: key, Body: JSON.stringify(value), ContentType: 'application/json' }),
  );
}

export async function getJson<T = unknown>(client: S3Client, bucket: string, key: string): Promise<T> {
  const { Body } = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  if (!Body) throw new Error(`s3://${bucket}/${key} has no body`);
  return JSON.parse(await Body.transformToString('utf8')) as T;
}
