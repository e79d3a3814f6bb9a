// The application shell. The views (namespaces, cgroups, security) are built on the
// snapshot model in shared/; until the transport exists the window says where to look.
export function App(): React.JSX.Element {
  return (
    <main>
      <h1>Glasshouse</h1>
      <p>
        The desktop views are not built yet. Run <code>npx glasshouse snapshot</code> in a terminal to see every
        container&apos;s namespaces, capabilities, seccomp state and cgroup limits.
      </p>
    </main>
  )
}
