using Platform.Contracts;

namespace Platform.Ingress.Callbacks;

/// <summary>Sinch's <c>reason</c> object: <c>{code, sub_code, description}</c>.</summary>
internal static class Reasons
{
    public static SinchReason? Read(JsonView? reason)
    {
        if (reason is not { } r)
        {
            return null;
        }

        var result = new SinchReason { Code = r.String("code"), SubCode = r.String("sub_code"), Description = r.String("description") };
        return result is { Code: null, SubCode: null, Description: null } ? null : result;
    }
}
