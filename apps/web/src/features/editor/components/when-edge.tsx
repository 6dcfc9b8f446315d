import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { createContext, memo, useContext } from 'react';
import type { WorkflowFlowEdge } from '../model/to-flow';

/** How an edge label changes its edge's `when` (the editor's dispatch, without passing callbacks through data). */
export const EdgeWhenContext = createContext<(edgeId: string, when: string) => void>(() => {});

/** An edge; out of logic.if / logic.switch it shows its `when` as a button that cycles through the branches. */
export const WhenEdge = memo(function WhenEdge(props: EdgeProps<WorkflowFlowEdge>) {
  const { id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, selected, markerEnd } = props;
  const setWhen = useContext(EdgeWhenContext);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const branches = data?.branches;
  const when = data?.edge.when;
  const problem = Boolean(data?.problems) || (branches ? !when || !branches.includes(when) : false);
  const stroke = problem ? 'var(--mantine-color-red-7)' : selected ? 'var(--mantine-primary-color-filled)' : undefined;
  const next = branches ? branches[(branches.indexOf(when ?? '') + 1) % branches.length] : undefined;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={{ stroke, strokeWidth: selected || problem ? 2.5 : 1.5 }} />
      {(branches || data?.problems) && (
        <EdgeLabelRenderer>
          <div className="wf-edge-label nodrag nopan" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}>
            {branches && (
              <button
                type="button"
                className={`wf-edge-label__when${problem ? ' wf-edge-label__when--problem' : ''}`}
                onClick={(event) => {
                  // Not a click on the pane below: that would clear the selection.
                  event.stopPropagation();
                  if (next) setWhen(id, next);
                }}
                aria-label={`Edge ${data?.edge.from} to ${data?.edge.to}: when ${when ?? 'not set'}; switch to ${next}`}
                title={data?.problems?.join('\n') ?? `Switch to ${next}`}
              >
                {when ?? 'when?'}
              </button>
            )}
            {data?.problems && (
              <span className="wf-edge-label__problem" role="alert">
                {data.problems[0]}
              </span>
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
