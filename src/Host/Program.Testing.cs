// Makes the entry point visible to WebApplicationFactory/Alba in the end-to-end tests.
public partial class Program;
