using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Platform.Contact.AttachedData;

/// <summary>Limits on attached data; section <c>Contact:AttachedData</c>. Sinch caps its own fields at 1024-2048 characters.</summary>
public sealed class AttachedDataOptions
{
    public const string Section = "Contact:AttachedData";

    [Range(1, 128)]
    public int MaxKeyLength { get; set; } = 64;

    [Range(16, 4096)]
    public int MaxValueLength { get; set; } = 1024;

    /// <summary>Entries taken from one metadata field; further ones are reported and dropped.</summary>
    [Range(1, 1000)]
    public int MaxEntriesPerField { get; set; } = 50;

    /// <summary>Entries one contact may hold; new keys beyond it are reported and dropped (existing keys still update).</summary>
    [Range(1, 10_000)]
    public int MaxEntriesPerContact { get; set; } = 200;
}

[OptionsValidator]
internal sealed partial class AttachedDataOptionsValidator : IValidateOptions<AttachedDataOptions>;
