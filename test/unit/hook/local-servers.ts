import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** What a loopback test server saw: enough to assert "no request was made" or on headers. */
export interface RecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

export interface LocalServer {
  /** `http://127.0.0.1:<port>` (`https://` when started with `tls`) */
  readonly origin: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** TCP connections accepted so far (a refused URL must not even connect). */
  connections(): number;
  close(): Promise<void>;
}

export type Respond = (request: RecordedRequest, response: ServerResponse) => void;

export interface LocalServerOptions {
  /** Serve HTTPS with this PEM certificate and key (see test/hook-faults/tls.ts) instead of plain HTTP. */
  readonly tls?: { readonly cert: string; readonly key: string };
}

/** A node:http(s) server on 127.0.0.1 and a free port; tests start it in beforeAll and close it in afterAll. */
export const startLocalServer = async (respond: Respond, options: LocalServerOptions = {}): Promise<LocalServer> => {
  const requests: RecordedRequest[] = [];
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const recorded = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      respond(recorded, res);
    });
  };
  const server = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, onRequest) : createServer(onRequest);
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `${options.tls ? 'https' : 'http'}://127.0.0.1:${String(port)}`,
    port,
    requests,
    connections: () => connections,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => {
          if (error) {
            reject(error);
          } else {
            resolve();
          }
        }),
      );
    },
  };
};

/** ECS's JSON 1.1 protocol: which operation a request is for. */
export const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113.';

/**
 * A tiny ECS endpoint: DescribeTaskDefinition answers from `taskDefinitions` (keyed by the requested
 * reference) in the API's camelCase form, else a ClientException as ECS sends it.
 */
export const ecsResponder =
  (taskDefinitions: Readonly<Record<string, unknown>>): Respond =>
  (request, response) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    const input = JSON.parse(request.body || '{}') as { taskDefinition?: string };
    const found = input.taskDefinition === undefined ? undefined : taskDefinitions[input.taskDefinition];
    if (target !== `${ECS_TARGET_PREFIX}DescribeTaskDefinition` || found === undefined) {
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify({ __type: 'ClientException', message: 'Unable to describe task definition.' }));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
    response.end(JSON.stringify({ taskDefinition: found, tags: [] }));
  };

/** ECS API (camelCase) form of a small FireLens task definition, as DescribeTaskDefinition returns it. */
export const apiTaskDefinition = (family: string, extraAppPorts: readonly number[] = []): Record<string, unknown> => ({
  taskDefinitionArn: `arn:aws:ecs:us-east-1:123456789012:task-definition/${family}:7`,
  family,
  revision: 7,
  status: 'ACTIVE',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  compatibilities: ['EC2', 'FARGATE'],
  requiresAttributes: [{ name: 'ecs.capability.firelens.fluentbit' }],
  cpu: '512',
  memory: '1024',
  executionRoleArn: 'arn:aws:iam::123456789012:role/exec',
  taskRoleArn: 'arn:aws:iam::123456789012:role/task',
  registeredAt: 1767225600,
  volumes: [{ name: 'data', efsVolumeConfiguration: { fileSystemId: 'fs-12345678', rootDirectory: '/', transitEncryption: 'ENABLED' } }],
  containerDefinitions: [
    {
      name: 'log_router',
      image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:2.32.2.20241008',
      essential: true,
      memoryReservation: 50,
      firelensConfiguration: { type: 'fluentbit', options: { 'enable-ecs-log-metadata': 'true' } },
      portMappings: [],
      environment: [],
      mountPoints: [],
      volumesFrom: [],
    },
    {
      name: 'app',
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1.0.0',
      essential: true,
      memory: 512,
      portMappings: [
        { containerPort: 8080, hostPort: 8080, protocol: 'tcp' },
        ...extraAppPorts.map((p) => ({ containerPort: p, hostPort: p, protocol: 'tcp' })),
      ],
      dockerLabels: { 'com.example.team': 'orders' },
      logConfiguration: {
        logDriver: 'awsfirelens',
        options: {
          Name: 'cloudwatch_logs',
          region: 'us-east-1',
          log_group_name: '/ecs/app',
          log_stream_prefix: 'app-',
          auto_create_group: 'false',
        },
        secretOptions: [],
      },
      environment: [{ name: 'MODE', value: 'prod' }],
      mountPoints: [],
      volumesFrom: [],
    },
  ],
});
