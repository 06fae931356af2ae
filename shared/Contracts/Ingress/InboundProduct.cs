namespace Platform.Contracts;

/// <summary>One product of an <see cref="InboundProductResponse"/>.</summary>
public sealed record InboundProduct
{
    /// <summary>Product id in the marketplace.</summary>
    public required string Id { get; init; }

    /// <summary>Marketplace, e.g. <c>FACEBOOK</c> (open set).</summary>
    public string? Marketplace { get; init; }

    /// <summary>Quantity, when given.</summary>
    public long? Quantity { get; init; }

    /// <summary>Price of one item, when given.</summary>
    public decimal? ItemPrice { get; init; }

    /// <summary>ISO 4217 currency of <see cref="ItemPrice"/>, when given.</summary>
    public string? Currency { get; init; }
}
