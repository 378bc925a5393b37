import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';

type LoginPasswordContextValue = {
  /** The password typed at login, while the user must still change it; never stored. */
  password: string | null;
  remember: (password: string | null) => void;
};

const LoginPasswordContext = createContext<LoginPasswordContextValue | null>(null);

export function LoginPasswordProvider({ children }: { children: ReactNode }) {
  const [password, setPassword] = useState<string | null>(null);
  const value = useMemo(() => ({ password, remember: setPassword }), [password]);
  return <LoginPasswordContext.Provider value={value}>{children}</LoginPasswordContext.Provider>;
}

export function useLoginPassword(): LoginPasswordContextValue {
  const value = useContext(LoginPasswordContext);
  if (!value) throw new Error('useLoginPassword needs a LoginPasswordProvider');
  return value;
}
