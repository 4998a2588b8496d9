using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;

namespace BlogModular.BuildingBlocks.Web;

public static class ApiOperations
{
    /// <summary>
    /// Names and summarises endpoints that a library maps (Identity's, Wolverine's dead letters), so cannot be
    /// annotated where they are declared. The id is metadata of our own: Identity builds its confirmation links from
    /// its own endpoint name, which must stay.
    /// </summary>
    public static TBuilder DescribeOperations<TBuilder>(this TBuilder builder, params ApiOperation[] operations)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? [];
            var route = (endpoint as RouteEndpointBuilder)?.RoutePattern.RawText?.TrimEnd('/') ?? "";
            if (operations.SingleOrDefault(o => methods.Contains(o.Method) && route.EndsWith(o.Route, StringComparison.OrdinalIgnoreCase)) is { } operation)
            {
                endpoint.Metadata.Add(new EndpointSummaryAttribute(operation.Summary));
                endpoint.Metadata.Add(operation);
            }
        });
        return builder;
    }
}

/// <summary>The operationId and summary of an endpoint mapped by a library (see <see cref="ApiOperations.DescribeOperations"/>).</summary>
/// <remarks><paramref name="Problems"/>: the 4xx statuses it answers beyond those every endpoint of its kind can.</remarks>
public sealed record ApiOperation(string Method, string Route, string Id, string Summary, params int[] Problems);
