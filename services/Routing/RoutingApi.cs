namespace Platform.Routing;

public static class RoutingApi
{
    /// <summary>Every API group of routing, under <c>/api/routing</c>.</summary>
    public static IEndpointRouteBuilder MapRoutingApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app;
    }
}
