using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Laoshi.Server.Hosting;

/// <summary>
/// Names the JSON shape an endpoint reads from its body. The endpoints read bodies themselves (to give
/// errors with JSON paths), so the OpenAPI document learns the shape from this marker instead.
/// </summary>
public sealed record RequestShape(Type Type, string ContentType = "application/json")
{
    public static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var shape = context.Description.ActionDescriptor.EndpointMetadata.OfType<RequestShape>().FirstOrDefault();
        if (shape is null) return;
        IOpenApiSchema schema = shape.Type == typeof(Stream)
            ? new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" }
            : await context.GetOrCreateSchemaAsync(shape.Type, null, cancellationToken);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { [shape.ContentType] = new() { Schema = schema } },
        };
    }
}
