/** The `--help` texts: usage, options, examples and exit codes of the program and of every command. */

const LINT_EXIT_CODES = `Exit codes (a bit mask, as cfn-lint's):
  0   nothing found
  2   at least one error
  4   at least one warning
  8   at least one informational finding
  32  usage mistake, bad config file, or a template that cannot be read or written
`;

export const PROGRAM_HELP = `Usage: firelens <command> [options]

Lint and expand CloudFormation templates that route Amazon ECS logs with FireLens.

Commands:
  lint TEMPLATE...   check templates against the FireLens rules (text, json, sarif, junit)
  expand TEMPLATE    print the template as the FireLensMacro transform would expand it
  explain TEMPLATE   print the Fluent Bit configuration ECS generates for each FireLens task
  rules              print the rules table and the rule options (Markdown)
  schema             print the JSON Schema of the FireLens property

Options:
  -h, --help         show this help (and "firelens <command> --help" for a command's)
  -V, --version      print the version

Examples:
  firelens lint template.yaml
  firelens lint 'stacks/**/*.yaml' --format sarif --output-file firelens.sarif
  firelens expand template.yaml --format json
  firelens explain template.yaml --task WebTask

Exit codes: 0 success, 1 expansion refused (expand), 2/4/8 findings (lint), 32 usage mistake.
`;

export const LINT_HELP = `Usage: firelens lint TEMPLATE... [options]

Checks CloudFormation templates (YAML or JSON) against the FireLens rules. A template whose Transform
names the macro is expanded first, as CloudFormation would. TEMPLATE may be a glob pattern
('templates/**/*.yaml'; quote it so the shell leaves it alone; node_modules is skipped).

Options:
  -f, --format FORMAT        text (default), json (cfn-lint's shape), sarif (2.1.0), junit
  -o, --output-file FILE     write the report to FILE instead of stdout
      --checks IDS           run only these rules (comma-separated ids or prefixes: FL13,FL1501)
      --ignore-checks IDS    skip these rules (ids or prefixes)
      --strict-24224         check every security group, attached or not (FL1301, FL1303)
      --show-suppressed      also list the findings the template's ignore_checks Metadata switched off,
                             marked with who switched each off (text, json, sarif); never in the exit code
      --configure-rule R:K=V set option K of rule R (repeatable; e.g. FL1103:average-log-line-bytes=512;
                             "firelens rules" lists the options); wins over the template's
                             Metadata firelens-lint.config.configure_rules
      --macro-name NAME      the macro name a Transform must use to be expanded (default FireLensMacro)
      --max-bytes N          refuse a template file larger than N bytes (default 5242880, as the hook)
      --list-rules           print the rules table and exit
      --no-config            do not read a config file
  -h, --help                 show this help

Suppressions: Metadata: {firelens-lint: {config: {ignore_checks: [FL1501]}}} on the template or a
resource (cfn-lint is read too). An entry is a rule id or a prefix of at least 4 characters (FL15);
a shorter one matches nothing and is warned about on stderr.

Config file: the first .firelensrc.yaml (or .firelensrc.yml, or a "firelens" key in package.json)
found from the current directory upward. Keys: checks, ignore-checks, strict-24224, format,
macro-name. Command-line options win over the file.

Colour: text output is coloured only on a terminal; NO_COLOR turns it off, FORCE_COLOR on.

Examples:
  firelens lint template.yaml
  firelens lint 'stacks/**/*.{yaml,json}' --ignore-checks FL15
  firelens lint template.yaml -f sarif -o firelens.sarif
  firelens lint template.yaml --format junit > firelens-junit.xml
  firelens lint template.yaml --configure-rule FL1103:average-log-line-bytes=512

${LINT_EXIT_CODES}`;

export const EXPAND_HELP = `Usage: firelens expand TEMPLATE [options]

Prints the template as the FireLensMacro transform expands it (the same code as the deployed macro),
or, with --event, the macro event CloudFormation would send for it (for sam local invoke -e).

Options:
  -f, --format yaml|json     output format (default yaml)
      --macro-name NAME      the macro name (default FireLensMacro, or macro-name from the config file)
      --max-bytes N          refuse a template file larger than N bytes (default 5242880)
      --event                print the macro event instead of the expansion
      --region R             region of the event (default us-east-1)
      --account A            account id of the event (default 123456789012)
      --param K=V            a template parameter value of the event (repeatable)
      --no-config            do not read a config file
  -h, --help                 show this help

Examples:
  firelens expand template.yaml
  firelens expand template.yaml --format json
  firelens expand template.yaml --event --region eu-west-1 --param Env=prod > event.json

Exit codes:
  0   expanded
  1   the macro would refuse the template (every problem on stderr), or it cannot be read or parsed
  32  usage mistake
`;

export const EXPLAIN_HELP = `Usage: firelens explain TEMPLATE [options]

Prints, for each task definition with a FireLens log router, the Fluent Bit configuration the ECS agent
generates for it (/fluent-bit/etc/fluent-bit.conf: the forward inputs, the ECS metadata filter, the
include/exclude filters, one [OUTPUT] per routed container, the @INCLUDEd config files), as CloudFormation
deploys it: a template whose Transform names the macro is expanded first, as the macro does. Beside each
output: the task role that signs it, the permissions it needs, and its log buffer's memory (the
log-driver-buffer-limit in log lines x 2048 bytes, an estimate). Values CloudFormation resolves at deploy
show as \${Ref:X}, \${GetAtt:X.Arn}, \${Sub:...}; values ECS fills in at run time as <...>; secret options
as the variable ECS sets, never their values.

Options:
  -t, --task LOGICAL_ID      explain only this task definition
  -f, --format text|json     output format (default text; json is documented in README.md)
      --macro-name NAME      the macro name a Transform must use to be expanded (default FireLensMacro)
      --max-bytes N          refuse a template file larger than N bytes (default 5242880)
      --no-config            do not read a config file
  -h, --help                 show this help

Examples:
  firelens explain template.yaml
  firelens explain template.yaml --task WebTask --format json

Exit codes:
  0   explained (also when the template has no FireLens task)
  1   the macro would refuse the template (every problem on stderr), or it cannot be read or parsed
  32  usage mistake, or --task names no FireLens task (the task ids are listed)
`;

export const RULES_HELP = `Usage: firelens rules

Prints the rules table as Markdown (id, severity, name, what it checks, ECS guide), then the options
rules accept (set them with firelens lint --configure-rule RULE:option=value).

Options:
  -h, --help   show this help

Example:
  firelens rules > RULES.md

Exit codes: 0 printed, 32 usage mistake.
`;

export const SCHEMA_HELP = `Usage: firelens schema

Prints the JSON Schema (draft-07) of the FireLens property of AWS::ECS::TaskDefinition, for editors.

Options:
  -h, --help   show this help

Example:
  firelens schema > firelens.schema.json

Exit codes: 0 printed, 32 usage mistake.
`;
