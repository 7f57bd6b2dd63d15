import { fl1405PlaintextSecret } from '../../functions/shared/rules/catalog/fl1405-plaintext-secret';
import { GOOD_TEMPLATES, ruleTester } from '../helpers/rule-tester';

ruleTester(fl1405PlaintextSecret, {
  valid: [...GOOD_TEMPLATES, 'bad/FL1405/ok-header-env-reference.yaml'],
  invalid: [
    {
      fixture: 'bad/FL1405/datadog-apikey-in-options.yaml',
      findings: [
        {
          ruleId: 'FL1405',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'LogConfiguration', 'Options', 'apikey'],
          line: 21,
          column: 15,
          message: 'app sets apikey as a plain option value; move it to SecretOptions',
        },
      ],
    },
    {
      fixture: 'bad/FL1405/apikey-as-a-number.yaml',
      findings: [
        {
          ruleId: 'FL1405',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'LogConfiguration', 'Options', 'apikey'],
          line: 21,
          column: 15,
          message: 'app sets apikey as a plain option value; move it to SecretOptions',
        },
      ],
    },
    {
      fixture: 'bad/FL1405/http-passwd-and-url-credentials.yaml',
      findings: [
        {
          ruleId: 'FL1405',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'LogConfiguration', 'Options', 'http_passwd'],
          line: 21,
          column: 15,
          message: 'app sets http_passwd as a plain option value; move it to SecretOptions',
        },
        {
          ruleId: 'FL1405',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 2, 'LogConfiguration', 'Options', 'URI'],
          line: 29,
          column: 15,
          message: 'worker puts credentials in the URL of URI; move it to SecretOptions',
        },
      ],
    },
    {
      fixture: 'bad/FL1405/loki-bearer-token.yaml',
      findings: [
        {
          ruleId: 'FL1405',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'LogConfiguration', 'Options', 'bearer_token'],
          line: 23,
          column: 15,
          message: 'app sets bearer_token as a plain option value; move it to SecretOptions',
        },
        {
          ruleId: 'FL1405',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'LogConfiguration', 'Options', 'tls.key_passwd'],
          line: 24,
          column: 15,
          message: 'app sets tls.key_passwd as a plain option value; move it to SecretOptions',
        },
      ],
    },
    {
      fixture: 'bad/FL1405/header-sub-noecho-parameter.yaml',
      findings: [
        {
          ruleId: 'FL1405',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'LogConfiguration', 'Options', 'Header'],
          line: 27,
          column: 15,
          message:
            'app puts NoEcho parameter PrivateKey into Header: CloudFormation writes its value into the task definition in clear text',
        },
      ],
    },
    {
      fixture: 'bad/FL1405/header-sub-plain-parameter.yaml',
      findings: [
        {
          ruleId: 'FL1405',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'LogConfiguration', 'Options', 'Header'],
          line: 26,
          column: 15,
          message: 'app embeds a credential in Header; move it to SecretOptions',
        },
        {
          ruleId: 'FL1405',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'LogConfiguration', 'Options', 'header_tag'],
          line: 27,
          column: 15,
          message: 'app embeds a credential in header_tag; move it to SecretOptions',
        },
      ],
    },
    {
      fixture: 'bad/FL1405/noecho-parameter-ref.yaml',
      findings: [
        {
          ruleId: 'FL1405',
          path: ['Resources', 'Task', 'Properties', 'ContainerDefinitions', 1, 'LogConfiguration', 'Options', 'custom_password_field'],
          line: 26,
          column: 15,
          message: 'app puts NoEcho parameter CollectorPassword into custom_password_field',
        },
      ],
    },
  ],
});
