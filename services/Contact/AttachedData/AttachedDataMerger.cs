using Platform.Contact.Contacts;

namespace Platform.Contact.AttachedData;

/// <summary>
/// Merges accepted values into a contact's attached data by the documented precedence (docs/contact.md, "Attached
/// data"): a value set through the API is replaced only through the API; otherwise the later value wins, and within
/// one instant the message's own <c>metadata</c> beats the legacy <c>message_metadata</c>, which beats Sinch's contact.
/// </summary>
public sealed class AttachedDataMerger(AttachedDataOptions options)
{
    /// <summary>Applies the candidates in order; returns whether anything changed. Reports keys refused for space.</summary>
    public bool Merge(ContactRecord contact, IEnumerable<AttachedDataCandidate> candidates, List<AttachedDataIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(issues);
        var changed = false;
        foreach (var candidate in candidates)
        {
            var existing = contact.AttachedData.Find(e => e.Key == candidate.Key);
            if (existing is null)
            {
                if (contact.AttachedData.Count >= options.MaxEntriesPerContact)
                {
                    issues.Add(new AttachedDataIssue(candidate.Source, AttachedDataIssueReasons.ContactFull, candidate.Key));
                    continue;
                }

                contact.AttachedData.Add(new AttachedDataEntry
                {
                    ContactId = contact.Id,
                    Key = candidate.Key,
                    Value = candidate.Value,
                    Source = candidate.Source,
                    ChangedAt = candidate.ChangedAt,
                });
                changed = true;
            }
            else if (Wins(candidate, existing))
            {
                changed |= existing.Value != candidate.Value || existing.Source != candidate.Source;
                existing.Value = candidate.Value;
                existing.Source = candidate.Source;
                existing.ChangedAt = candidate.ChangedAt;
            }
        }

        return changed;
    }

    /// <summary>Whether <paramref name="candidate"/> may replace <paramref name="existing"/>.</summary>
    public static bool Wins(AttachedDataCandidate candidate, AttachedDataEntry existing)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(existing);
        if (candidate.Source == AttachedDataSources.Api)
        {
            return true;
        }

        if (existing.Source == AttachedDataSources.Api)
        {
            return false;
        }

        return candidate.ChangedAt > existing.ChangedAt
            || (candidate.ChangedAt == existing.ChangedAt
                && AttachedDataSources.TieRank(candidate.Source) >= AttachedDataSources.TieRank(existing.Source));
    }
}
