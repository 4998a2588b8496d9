using Microsoft.Extensions.Primitives;

namespace BlogModular.Accounts.Features.SignIn;

/// <summary>
/// ASP.NET Core Identity's API minus the endpoints this application does not offer. <c>MapIdentityApi</c> maps all of
/// them, so they are mapped onto this builder and only the wanted ones reach the application's endpoint list (routing,
/// OpenAPI, the authorization matrix all read that list).
/// </summary>
internal sealed class IdentityEndpoints(IEndpointRouteBuilder app, Func<RouteEndpoint, bool> offered) : IEndpointRouteBuilder
{
    public IServiceProvider ServiceProvider => app.ServiceProvider;

    public ICollection<EndpointDataSource> DataSources { get; } = [];

    public IApplicationBuilder CreateApplicationBuilder() => app.CreateApplicationBuilder();

    /// <summary>Adds what was mapped onto this builder, filtered, to the application.</summary>
    public void AddTo(IEndpointRouteBuilder application) => application.DataSources.Add(new Filtered([.. DataSources], offered));

    private sealed class Filtered(IReadOnlyList<EndpointDataSource> sources, Func<RouteEndpoint, bool> offered) : EndpointDataSource
    {
        public override IReadOnlyList<Endpoint> Endpoints =>
            [.. sources.SelectMany(source => source.Endpoints).Where(endpoint => endpoint is not RouteEndpoint route || offered(route))];

        public override IChangeToken GetChangeToken() => new CompositeChangeToken([.. sources.Select(source => source.GetChangeToken())]);
    }
}
