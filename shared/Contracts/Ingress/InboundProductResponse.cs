namespace Platform.Contracts;

/// <summary>The contact answered with products (e.g. a WhatsApp cart).</summary>
public sealed record InboundProductResponse
{
    /// <summary>The products, in the order the channel gave them.</summary>
    public IReadOnlyList<InboundProduct> Products { get; init; } = [];

    /// <summary>Text that came with the products, if any.</summary>
    public string? Text { get; init; }

    /// <summary>Catalog the products belong to, if given.</summary>
    public string? CatalogId { get; init; }
}
