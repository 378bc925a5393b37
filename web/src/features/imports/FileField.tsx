import { Button, Group, Input, Stack } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import { forwardRef, useId, useImperativeHandle, useRef, useState, type ChangeEvent } from 'react';
import { t } from '../../app/i18n/t.ts';
import { formatBytes } from './format.ts';

type FileFieldProps = {
  label: string;
  description?: string;
  /** File types offered by the browser's window (`.xml,.zip`); the server checks the content. */
  accept: string;
  error?: string | undefined;
  disabled?: boolean;
  name: string;
  onChange: (file: File | null) => void;
};

/**
 * A file field: a real `<input type="file">` (keyboard, screen readers, drag and drop) laid
 * over a French face « Parcourir… » and the chosen file's name and size, whatever the
 * browser's own language; « Retirer » empties it.
 */
export const FileField = forwardRef<HTMLInputElement, FileFieldProps>(function FileField(
  { label, description, accept, error, disabled = false, name, onChange },
  ref,
) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => inputRef.current as HTMLInputElement, []);
  const [file, setFile] = useState<File | null>(null);
  const descriptionId = `${id}-description`;
  const fileNameId = `${id}-file`;
  const errorId = `${id}-error`;
  const describedBy = [description ? descriptionId : null, fileNameId, error ? errorId : null].filter(Boolean).join(' ');

  const choose = (chosen: File | null) => {
    setFile(chosen);
    onChange(chosen);
  };

  const clear = () => {
    if (inputRef.current) inputRef.current.value = '';
    choose(null);
    inputRef.current?.focus();
  };

  return (
    <Stack gap={4} className="file-field">
      <Input.Label htmlFor={id}>{label}</Input.Label>
      {description && <Input.Description id={descriptionId}>{description}</Input.Description>}
      <Group gap="xs" wrap="nowrap" align="center">
        <div className="file-picker" data-invalid={error ? true : undefined} data-disabled={disabled || undefined}>
          <input
            ref={inputRef}
            id={id}
            name={name}
            type="file"
            accept={accept}
            disabled={disabled}
            aria-describedby={describedBy}
            aria-invalid={error ? true : undefined}
            className="file-picker-input"
            onChange={(event: ChangeEvent<HTMLInputElement>) => choose(event.currentTarget.files?.[0] ?? null)}
          />
          <span className="file-picker-button" aria-hidden="true">
            <IconFileUpload size={16} />
            {t('imports.file.browse')}
          </span>
          <span className="file-picker-name" id={fileNameId}>
            {file ? t('imports.file.chosen', { name: file.name, size: formatBytes(file.size) }) : t('imports.file.none')}
          </span>
        </div>
        {file && !disabled && (
          <Button variant="subtle" size="compact-sm" onClick={clear} aria-label={t('imports.file.removeLabel', { name: file.name })}>
            {t('imports.file.remove')}
          </Button>
        )}
      </Group>
      {error && (
        <Input.Error id={errorId} role="alert">
          {error}
        </Input.Error>
      )}
    </Stack>
  );
});
