import { mappedPortKeys } from '../../template/view-network';
import { defineRule } from '../define-rule';
import { containerLabel, FIRELENS_TASKDEF_DOCS, FORWARD_PORT } from '../helpers';

const WHAT = {
  ContainerPort: 'container port 24224',
  HostPort: 'host port 24224',
  ContainerPortRange: 'a container port range',
  HostPortRange: 'a host port range',
} as const;

export const fl1302Port24224Mapping = defineRule({
  meta: {
    id: 'FL1302',
    name: 'port-24224-mapping',
    severity: 'error',
    summary: 'Checks that a task with a log router maps no container or host port 24224',
    description:
      'A ContainerPort or HostPort of 24224, or a ContainerPortRange / HostPortRange ("24000-25000") that includes it. Ports the rule cannot read are FL1303.',
    docsUrl: FIRELENS_TASKDEF_DOCS,
    tags: ['firelens', 'network', 'security'],
  },
  *check(view) {
    for (const task of view.taskDefinitions.filter((t) => t.routers.length > 0)) {
      for (const container of task.containers) {
        for (const mapping of container.portMappings) {
          const key = mappedPortKeys(mapping, FORWARD_PORT)[0];
          if (key !== undefined) {
            const range = key === 'ContainerPortRange' ? mapping.containerPortRange : mapping.hostPortRange;
            const shown = key.endsWith('Range') && range ? ` (${String(range.from)}-${String(range.to)}) that includes 24224` : '';
            yield {
              path: mapping.path,
              message: `Container ${containerLabel(container)} maps ${WHAT[key]}${shown}, the port the FireLens router listens on`,
            };
          }
        }
      }
    }
  },
});
