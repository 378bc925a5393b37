import { TextInput, type TextInputProps } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { forwardRef } from 'react';

/** A search box (`type="search"`) with its magnifier; the list it filters follows as one types. */
export const SearchField = forwardRef<HTMLInputElement, Omit<TextInputProps, 'type'>>(function SearchField(props, ref) {
  return <TextInput ref={ref} type="search" leftSection={<IconSearch size={16} aria-hidden="true" />} {...props} />;
});
