import { spawnSync } from 'node:child_process';

import { handler } from '../../functions/macro/handler';
import type { MacroResponse } from '../../functions/middleware/macro-response';
import { expandFragment } from '../../functions/shared/firelens';
import { isObject, type Json, type JsonObject } from '../../functions/shared/template/intrinsics';
import { macroEventFiles, readMacroEvent, REPO_ROOT } from '../helpers/fixtures';
import { createLambdaContext } from '../helpers/lambda-context';
import { ACCEPTED_WILDCARD_CASES, WILDCARD_CASES } from '../unit/firelens/wildcard-cases';

/**
 * The macro Lambda end to end: every events/macro/*.json file through the real middy chain, then the
 * same files through the function bundled as SAM bundles it (scripts/local-invoke.mjs).
 */

/** What each event must produce; a new event file without an entry here fails the suite. */
const OUTCOMES: Readonly<Record<string, 'success' | 'failure'>> = {
  'custom-config.json': 'success',
  'ec2-bridge.json': 'success',
  'fargate-conditional-firelens.json': 'success',
  'fargate-minimal.json': 'success',
  'fargate-router-config-files.json': 'success',
  'invalid.json': 'failure',
  'no-firelens.json': 'success',
};

/** Every problem of invalid.json, each with the logical id and the property path. */
const INVALID_EVENT_PROBLEMS = [
  'BadTask.Properties.FireLens.Router.MemoryReservaton: unknown property (did you mean "MemoryReservation"?)',
  'BadTask.Properties.FireLens.Destination: takes exactly one of CloudWatchLogs, Firehose, KinesisStreams, S3, OpenSearch, Custom, found CloudWatchLogs and Firehose',
  'BadTask.Properties.FireLens.BufferLimit: must be an integer from 0 to 536870911, not 536870912',
  "BadTask.Properties.ContainerDefinitions[0].PortMappings[0].ContainerPort: port 24224 is FireLens's forward input",
];

const GENERIC_FAILURE =
  /^FireLensMacro failed unexpectedly \(request [^)]+\); the template was not changed\. The macro function's logs have the details\.$/;

/** Runs the real middy handler with stdout and stderr (the logger's output) captured, so logs can be checked too. */
const invoke = async (event: unknown): Promise<{ response: MacroResponse; logs: string }> => {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array): boolean => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const spies = [
    jest.spyOn(process.stdout, 'write').mockImplementation(capture),
    jest.spyOn(process.stderr, 'write').mockImplementation(capture),
  ];
  try {
    const response = (await handler(event, createLambdaContext())) as MacroResponse;
    return { response, logs: written.join('') };
  } finally {
    for (const spy of spies) {
      spy.mockRestore();
    }
  }
};

const fireLensKeyPaths = (value: Json, path: string): string[] => {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => fireLensKeyPaths(item, `${path}[${String(i)}]`));
  }
  if (isObject(value)) {
    return Object.entries(value).flatMap(([key, child]) => [
      ...(key === 'FireLens' ? [`${path}.${key}`] : []),
      ...fireLensKeyPaths(child, `${path}.${key}`),
    ]);
  }
  return [];
};

const eventFiles = macroEventFiles();

describe('events/macro', () => {
  it('has an expected outcome for every event file', () => {
    expect(eventFiles).toEqual(Object.keys(OUTCOMES).sort());
  });
});

describe('macro handler (middy chain)', () => {
  describe.each(eventFiles.map((file) => [file] as const))('%s', (file) => {
    const event = readMacroEvent(file);
    const fragment = event['fragment'] as JsonObject;

    it("echoes the event's requestId", async () => {
      // Arrange
      const requestId = `test-${file}`;

      // Act
      const { response } = await invoke({ ...event, requestId });

      // Assert
      expect(response.requestId).toBe(requestId);
    });

    it(`returns status ${OUTCOMES[file] ?? '?'}`, async () => {
      // Act
      const { response } = await invoke(event);

      // Assert
      expect(response.status).toBe(OUTCOMES[file]);
      expect(response.requestId).toBe(event['requestId']);
    });

    if (OUTCOMES[file] === 'success') {
      it('returns the expansion of the fragment, with no FireLens key left', async () => {
        // Arrange
        const expected = expandFragment(structuredClone(fragment));

        // Act
        const { response } = await invoke(event);

        // Assert
        expect(response.errorMessage).toBeUndefined();
        expect(expected.ok && response.fragment).toEqual(expected.ok && expected.fragment);
        expect(fireLensKeyPaths(response.fragment as Json, '')).toEqual([]);
      });

      it('logs the request without the template', async () => {
        // Act
        const { logs } = await invoke(event);

        // Assert
        const lines = logs
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as Record<string, unknown>);
        expect(lines).toContainEqual(
          expect.objectContaining({ message: 'Expanded', function_request_id: createLambdaContext().awsRequestId }),
        );
        expect(logs).not.toContain('ContainerDefinitions');
      });
    }
  });

  it('returns a template without FireLens deep-equal to the input (no-firelens.json)', async () => {
    // Arrange
    const event = readMacroEvent('no-firelens.json');

    // Act
    const { response } = await invoke(event);

    // Assert
    expect(response.fragment).toEqual(event['fragment']);
  });

  it('fails invalid.json listing every problem with its logical id and path, and returns the fragment unchanged', async () => {
    // Arrange
    const event = readMacroEvent('invalid.json');

    // Act
    const { response } = await invoke(event);

    // Assert
    expect(response.status).toBe('failure');
    expect(response.errorMessage).toMatch(/^FireLens: 4 problems: /);
    for (const problem of INVALID_EVENT_PROBLEMS) {
      expect(response.errorMessage).toContain(problem);
    }
    expect(response.fragment).toEqual(event['fragment']);
  });

  it('fails a malformed event (no fragment) with a clear message', async () => {
    // Arrange
    const event = { requestId: 'req-malformed', region: 'eu-west-1' };

    // Act
    const { response } = await invoke(event);

    // Assert
    expect(response).toEqual({
      requestId: 'req-malformed',
      status: 'failure',
      fragment: {},
      errorMessage: 'FireLensMacro received a malformed event: event.fragment must be an object',
    });
  });

  it('fails an event that is not an object without throwing', async () => {
    // Act
    const { response } = await invoke('not an event');

    // Assert
    expect(response.status).toBe('failure');
    expect(response.requestId).toBe('');
    expect(response.errorMessage).toBe('FireLensMacro received a malformed event: the event is not a JSON object');
  });

  const throwingFragments: readonly (readonly [string, () => unknown])[] = [
    [
      'a getter that throws',
      () => ({
        get Resources(): never {
          throw new Error('boom: internal detail');
        },
      }),
    ],
    [
      'a Proxy that throws on every read',
      () =>
        new Proxy(
          {},
          {
            get: () => {
              throw new Error('boom: internal detail');
            },
          },
        ),
    ],
  ];

  it.each(throwingFragments)(
    'turns an unexpected internal error (%s) into the generic failure, never a throw',
    async (_what, makeFragment) => {
      // Arrange
      const event = { requestId: 'req-internal', fragment: makeFragment() };

      // Act
      const { response, logs } = await invoke(event);

      // Assert
      expect(response.requestId).toBe('req-internal');
      expect(response.status).toBe('failure');
      expect(response.errorMessage).toMatch(GENERIC_FAILURE);
      expect(response.errorMessage).not.toContain('boom');
      expect(logs).toContain('FireLensMacro failed unexpectedly');
    },
  );
});

describe('macro handler: logical ids it generates (#12)', () => {
  const minimal = readMacroEvent('fargate-minimal.json');
  const withTask = (taskId: string, extra: JsonObject = {}): JsonObject => {
    const fragment = structuredClone(minimal['fragment']) as JsonObject;
    const resources = fragment['Resources'] as JsonObject;
    const task = resources['WebTask'] as JsonObject;
    return { ...minimal, fragment: { ...fragment, ...extra, Resources: { [taskId]: task } } };
  };

  it.each([
    ['Parameters', 'parameter', { Type: 'String' }],
    ['Outputs', 'output', { Value: 'x' }],
    ['Conditions', 'condition', { 'Fn::Equals': ['a', 'b'] }],
    ['Mappings', 'mapping', { a: { b: 'c' } }],
  ] as [string, string, JsonObject][])(
    'refuses a template whose %s section uses a generated id, naming the section',
    async (section, kind, body) => {
      // Arrange
      const event = withTask('WebTask', { [section]: { WebTaskFireLensExecutionRole: body } });

      // Act
      const { response } = await invoke(event);

      // Assert
      expect(response.status).toBe('failure');
      expect(response.errorMessage).toContain(
        `${section}.WebTaskFireLensExecutionRole: the macro needs the logical id WebTaskFireLensExecutionRole for a resource it generates for WebTask, but the template already uses it as a ${kind} name; rename that ${kind}`,
      );
      expect(response.fragment).toEqual(event['fragment']);
    },
  );

  it('shortens generated ids over 255 characters to a readable start, a hash and the kind, the same on every run', async () => {
    // Arrange
    const taskId = `Web${'a'.repeat(237)}`;
    const event = withTask(taskId);

    // Act
    const first = await invoke(event);
    const second = await invoke(structuredClone(event));

    // Assert
    expect(first.response.status).toBe('success');
    const ids = Object.keys((first.response.fragment as JsonObject)['Resources'] as JsonObject).filter((id) => id !== taskId);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    for (const id of ids) {
      expect(id.length).toBeLessThanOrEqual(255);
      expect(id).toMatch(/^Weba+[0-9a-z]{8}FireLens[A-Za-z]+$/);
    }
    expect(new Set(ids).size).toBe(ids.length);
    const resources = (first.response.fragment as JsonObject)['Resources'] as JsonObject;
    const roleRef = ((resources[taskId] as JsonObject)['Properties'] as JsonObject)['ExecutionRoleArn'];
    expect(roleRef).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/FireLensExecutionRole$/), 'Arn'] });
    expect(ids).toContain((roleRef as { 'Fn::GetAtt': string[] })['Fn::GetAtt'][0]);
    expect(second.response.fragment).toEqual(first.response.fragment);
  });
});

describe('macro handler: wildcards in names that become IAM resources (#12)', () => {
  it.each(WILDCARD_CASES.map((c) => [c.name, c] as const))('fails naming the field, fragment unchanged: %s', async (_name, c) => {
    // Act
    const { response } = await invoke({ requestId: 'req-wildcard', fragment: c.fragment });

    // Assert
    expect(response.status).toBe('failure');
    expect(response.errorMessage).toMatch(/^FireLens: 1 problem: /);
    expect(response.errorMessage).toContain(c.problem);
    expect(response.fragment).toEqual(c.fragment);
  });

  it.each(ACCEPTED_WILDCARD_CASES.map((c) => [c.name, c] as const))(
    'with AllowWildcardResources: true succeeds, except for a role to assume: %s',
    async (_name, c) => {
      // Act
      const { response } = await invoke({ requestId: 'req-wildcard', fragment: c.fragment });

      // Assert
      expect(response.status).toBe(c.always === true ? 'failure' : 'success');
      if (c.always === true) {
        expect(response.errorMessage).toContain(c.problem);
      } else {
        expect(JSON.stringify(response.fragment)).toContain('"Sid":"FireLensAllowWildcardResources"');
      }
    },
  );
});

describe('macro function bundled as SAM bundles it (scripts/local-invoke.mjs)', () => {
  /** Each local invoke bundles the function with esbuild first: allow up to a minute per event. */
  const PER_INVOKE_MS = 60_000;

  interface Invocation {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
  }

  const invocations = new Map<string, Invocation>();

  beforeAll(() => {
    for (const file of eventFiles) {
      const run = spawnSync(process.execPath, ['scripts/local-invoke.mjs', 'FireLensMacroFunction', `events/macro/${file}`], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        timeout: PER_INVOKE_MS,
      });
      invocations.set(file, { status: run.status, stdout: run.stdout, stderr: run.stderr });
    }
  }, PER_INVOKE_MS * eventFiles.length);

  const invocation = (file: string): Invocation => {
    const found = invocations.get(file);
    if (found === undefined) {
      throw new Error(`no local invoke of ${file}`);
    }
    return found;
  };

  describe.each(eventFiles.map((file) => [file] as const))('%s', (file) => {
    const event = readMacroEvent(file);

    it('exits 0 and prints only the JSON response on stdout', () => {
      // Act
      const { status, stdout, stderr } = invocation(file);

      // Assert
      expect({ status, stderr: status === 0 ? '' : stderr }).toEqual({ status: 0, stderr: '' });
      const parsed = JSON.parse(stdout) as unknown;
      expect(stdout).toBe(`${JSON.stringify(parsed, null, 2)}\n`);
    });

    it(`echoes the requestId and returns status ${OUTCOMES[file] ?? '?'}`, () => {
      // Act
      const response = JSON.parse(invocation(file).stdout) as MacroResponse;

      // Assert
      expect(response.requestId).toBe(event['requestId']);
      expect(response.status).toBe(OUTCOMES[file]);
    });

    it('returns the same response as the unbundled handler', async () => {
      // Arrange
      const bundled = JSON.parse(invocation(file).stdout) as MacroResponse;

      // Act
      const { response } = await invoke(event);

      // Assert
      expect(bundled).toEqual(response);
    });

    it('writes its logs to stderr as JSON lines', () => {
      // Act
      const { stderr } = invocation(file);

      // Assert
      const lines = stderr.trim().split('\n');
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        expect(() => JSON.parse(line) as unknown).not.toThrow();
      }
    });
  });

  it('fails invalid.json listing every problem', () => {
    // Act
    const response = JSON.parse(invocation('invalid.json').stdout) as MacroResponse;

    // Assert
    for (const problem of INVALID_EVENT_PROBLEMS) {
      expect(response.errorMessage).toContain(problem);
    }
  });

  it('returns no-firelens.json deep-equal to its input', () => {
    // Arrange
    const event = readMacroEvent('no-firelens.json');

    // Act
    const response = JSON.parse(invocation('no-firelens.json').stdout) as MacroResponse;

    // Assert
    expect(response.fragment).toEqual(event['fragment']);
  });
});
