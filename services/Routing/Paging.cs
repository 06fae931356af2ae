using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Routing;

/// <summary>Page number (from 1) and size of a list request, checked.</summary>
internal static class Paging
{
    public static (int Number, int Size, ValidationProblem? Problem) Read(int? page, int? pageSize, int maxSize = 200)
    {
        var number = page ?? 1;
        var size = pageSize ?? 50;
        var errors = new Dictionary<string, string[]>();
        if (number < 1)
        {
            errors["page"] = ["page starts at 1."];
        }

        if (size < 1 || size > maxSize)
        {
            errors["pageSize"] = [$"pageSize is between 1 and {maxSize}."];
        }

        return errors.Count == 0 ? (number, size, null) : (number, size, TypedResults.ValidationProblem(errors));
    }
}
