import { useState } from 'react';
import { Button, Text } from '@backstage/ui';

/** "Copy link": puts `href` on the clipboard, then says it did, or that it could not. */
export function CopyLinkButton({ href }: { href: string }) {
  const [copied, setCopied] = useState<'yes' | 'failed'>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(href);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <>
      <Text variant="body-small" role="status">
        {copied === 'yes' && 'Link copied'}
        {copied === 'failed' &&
          'Could not copy the link; copy it from the address bar'}
      </Text>
      <Button variant="secondary" onPress={copy}>
        Copy link
      </Button>
    </>
  );
}
