import { useEffect, useState } from 'react';
import { Combobox } from '@backstage/ui';
import { useWorkflowSearch } from '../../hooks/useCatalogWorkflows';
import { useDebounced } from '../../hooks/useDebounced';

/**
 * The workflow filter: type part of a workflow's title to search the catalog's workflows, pick one
 * to show only its latest order; emptying the field drops the filter.
 */
export function WorkflowFilter(props: {
  workflowId?: string;
  onChange: (workflowId: string | undefined) => void;
}) {
  const { workflowId, onChange } = props;
  const [input, setInput] = useState('');
  // What the user typed; the title a selection puts in the field searches for nothing new.
  const [typed, setTyped] = useState('');
  const term = useDebounced(typed);
  const search = useWorkflowSearch(term, workflowId);
  const selectedLabel = search.selected?.label;

  // A filter restored from the URL shows the workflow's title once the catalog names it, and its id
  // when no entity carries it (a deleted workflow, say).
  const { selectedMissing } = search;
  useEffect(() => {
    if (selectedLabel) setInput(selectedLabel);
    else if (workflowId && selectedMissing)
      setInput(shown => shown || workflowId);
    if (!workflowId) setInput('');
  }, [workflowId, selectedLabel, selectedMissing]);

  const options = search.options.some(o => o.id === workflowId)
    ? search.options
    : [...(search.selected ? [search.selected] : []), ...search.options];

  return (
    <Combobox
      label="Workflow"
      placeholder="Type to search"
      menuTrigger="input"
      options={options}
      search={{
        mode: 'server',
        inputValue: input,
        onInputChange: value => {
          setInput(value);
          const picked = options.find(o => o.label === value);
          if (!picked) setTyped(value);
          if (!value && workflowId) onChange(undefined);
        },
      }}
      selectedKey={workflowId ?? null}
      onSelectionChange={key => {
        const picked = options.find(o => o.id === key);
        if (!picked) return;
        // A pick ends the search: the field shows its title, what was typed is dropped.
        setInput(picked.label);
        setTyped(term);
        onChange(picked.id);
      }}
    />
  );
}
