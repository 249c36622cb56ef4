using Microsoft.AspNetCore.Http;

namespace Laoshi.Server.Api;

/// <summary>
/// Who is calling. Until accounts exist, scripts and the UI name themselves in the X-Laoshi-User header;
/// without it the caller is "anonymous".
/// </summary>
public static class ApiUser
{
    public const string Header = "X-Laoshi-User";

    public static string Of(HttpContext context)
    {
        var name = context.Request.Headers[Header].ToString().Trim();
        return name.Length is > 0 and <= 200 ? name : "anonymous";
    }
}
