using Laoshi.Server.Access;
using Laoshi.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Laoshi.Server.Api;

public static class BlobsApi
{
    public static RouteGroupBuilder MapBlobsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/blobs/{hash}", async (string hash, LaoshiStore store, HttpContext context, CancellationToken ct) =>
        {
            var blob = await store.Blobs.GetAsync(hash, ct);
            // Content-addressed: the bytes behind a hash never change.
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return TypedResults.PhysicalFile(blob.Path, blob.MediaType, enableRangeProcessing: true);
        }).WithName("GetBlob").RequireSignedIn().WithSummary("The bytes of an image or audio file, by content hash; supports ranges for seeking.");
        return api;
    }
}
