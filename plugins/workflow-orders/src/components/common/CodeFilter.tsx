import { useEffect, useRef, useState } from 'react';
import { SearchField } from '@backstage/ui';
import { useDebounced } from '../../hooks/useDebounced';
import { codeFromParam } from './filterParams';

/**
 * The asset code filter of the Orders tab and the Workflow orders page: what is typed applies once
 * typing pauses, at once on Enter, trimmed and in upper case, as codes are compared; a `code` from
 * the URL (a link, the back button, Clear filters) replaces what the field holds.
 */
export function CodeFilter(props: {
  code?: string;
  onChange: (code: string | undefined) => void;
}) {
  const { code, onChange } = props;
  const [input, setInput] = useState(code ?? '');
  const settled = useDebounced(input);
  // Whether the field holds typing not yet applied, so a pause that ends as the URL changes never
  // undoes that change.
  const typed = useRef(false);
  const apply = (value: string) => {
    typed.current = false;
    const next = codeFromParam(value);
    if (next !== code) onChange(next);
  };
  useEffect(() => {
    typed.current = false;
    setInput(code ?? '');
  }, [code]);
  useEffect(() => {
    if (typed.current) apply(settled);
    // Only a pause in typing applies the field.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);
  return (
    <SearchField
      label="Asset code"
      placeholder="e.g. DAX.I"
      value={input}
      onChange={value => {
        typed.current = true;
        setInput(value);
      }}
      onSubmit={apply}
      onClear={() => apply('')}
    />
  );
}
