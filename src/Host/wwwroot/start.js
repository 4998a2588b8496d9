// Starts Blazor with each module's circuits on that module's own path (ADR 0007): behind the front door of a
// split deployment, the path takes a circuit to the process that rendered the page. Read when a circuit
// starts, from the page it starts for.
Blazor.start({
  circuit: {
    configureSignalR: (builder) =>
      builder.withUrl(document.querySelector('meta[name="blazor-circuit"]')?.content || '_blazor'),
  },
});
