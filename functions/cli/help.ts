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
  rules              print the rules table and the rule options (Markdown)
  schema             print the JSON Schema of the FireLens property

Options:
  -h, --help         show this help (and "firelens <command> --help" for a command's)
  -V, --version      print the version

Examples:
  firelens lint template.yaml
  firelens lint 'stacks/**/*.yaml' --format sarif --output-file firelens.sarif
  firelens expand template.yaml --format json

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
      --strict-24224         also flag security groups that are not attached to a service (FL1301)
      --configure-rule R:K=V set option K of rule R (repeatable; e.g. FL1103:average-log-line-bytes=512;
                             "firelens rules" lists the options); wins over the template's
                             Metadata firelens-lint.config.configure_rules
      --macro-name NAME      the macro name a Transform must use to be expanded (default FireLensMacro)
      --max-bytes N          refuse a template file larger than N bytes (default 5242880, as the hook)
      --list-rules           print the rules table and exit
      --no-config            do not read a config file
  -h, --help                 show this help

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
