import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { WorkflowFlowNode } from '../model/to-flow';
import { formatDuration, stepColor } from './step-status';

/**
 * One canvas node. Memoised and free of Mantine components: a 200-node canvas re-renders only the
 * node that changed, cheaply.
 */
export const WorkflowNodeView = memo(function WorkflowNodeView({ data, selected }: NodeProps<WorkflowFlowNode>) {
  const { node, trigger, branches, problems, step } = data;
  const color = stepColor(step?.status);
  const classes = ['wf-node', selected && 'wf-node--selected', problems && 'wf-node--problem', color && `wf-node--${color}`];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-testid={`node-${node.id}`} data-status={step?.status}>
      {!trigger && <Handle type="target" position={Position.Left} title="Input" />}
      <div className="wf-node__title">{node.name || node.id}</div>
      <div className="wf-node__type">
        {node.type}
        {node.name ? ` · ${node.id}` : ''}
      </div>
      {step && (
        <div className="wf-node__step">
          {step.status}
          {step.durationMs !== undefined && step.durationMs !== null ? ` · ${formatDuration(step.durationMs)}` : ''}
        </div>
      )}
      {problems && (
        <div className="wf-node__problem" role="alert">
          {problems[0]}
          {problems.length > 1 ? ` (+${problems.length - 1} more)` : ''}
        </div>
      )}
      {branches ? (
        branches.map((branch, i) => (
          <Handle
            key={branch}
            id={branch}
            type="source"
            position={Position.Right}
            className="wf-handle--branch"
            style={{ top: `${((i + 1) / (branches.length + 1)) * 100}%` }}
            title={`${branch} branch`}
          >
            <span className="wf-handle__label">{branch}</span>
          </Handle>
        ))
      ) : (
        <Handle type="source" position={Position.Right} title="Output" />
      )}
    </div>
  );
});
