using Laoshi.Core.Errors;
using Laoshi.Core.Schema;
using Laoshi.Storage.Data;

namespace Laoshi.Storage;

/// <summary>
/// Changes a project's annotation rules. Labels may be added, recoloured, re-keyed and re-described, and the
/// guideline rewritten; a label (or a control) that current annotations still use may not be removed, because those
/// annotations would then name a label the workspace cannot draw or export.
/// </summary>
public sealed partial class ProjectStore
{
    /// <summary>Stores the new schema JSON; refuses (400, naming each label) removing labels still in use.</summary>
    public async Task<ProjectInfo> UpdateSchemaAsync(long projectId, ProjectSchema oldSchema,
        ProjectSchema newSchema, string newSchemaJson, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(oldSchema);
        ArgumentNullException.ThrowIfNull(newSchema);
        if (string.IsNullOrWhiteSpace(newSchemaJson)) throw new BadInputException("the schema is empty", field: "schema");
        var kept = newSchema.Controls.SelectMany(c => c.Labels).Select(l => l.Value).ToHashSet(StringComparer.Ordinal);
        var removed = oldSchema.Controls.SelectMany(c => c.Labels).Select(l => l.Value).Where(v => !kept.Contains(v))
            .Distinct(StringComparer.Ordinal).ToList();

        await using (var session = await _database.WriteAsync(ct))
        {
            await RowReaders.EnsureProjectAsync(session, projectId, ct);
            var errors = new List<InputError>();
            foreach (var label in removed)
            {
                var used = await session.ScalarAsync<long?>(
                    "SELECT SUM(count) FROM item_labels WHERE project_id = @p AND label = @label", ct, ("@p", projectId), ("@label", label));
                if (used is > 0)
                    errors.Add(new InputError($"the label '{label}' is used by {used} annotated regions; it cannot be removed", Path: "$.schema", Field: label));
            }
            // A control without labels (a text area, a rating) is in use when a current annotation names it.
            var keptControls = newSchema.Controls.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
            var find = session.IsPostgres ? "strpos(result, @needle) > 0" : "instr(result, @needle) > 0";
            foreach (var control in oldSchema.Controls.Where(c => !keptControls.Contains(c.Name)))
            {
                var needle = $"\"fromName\":{System.Text.Json.JsonSerializer.Serialize(control.Name, RegionJson.Options)}";
                var used = await session.ScalarAsync<long>(
                    $"SELECT COUNT(*) FROM annotations WHERE project_id = @p AND is_current AND {find}", ct, ("@p", projectId), ("@needle", needle));
                if (used > 0)
                    errors.Add(new InputError($"the control '{control.Name}' is answered in {used} annotations; it cannot be removed", Path: "$.schema", Field: control.Name));
            }
            if (errors.Count > 0) throw new BadInputException(errors);
            await session.ExecuteAsync("UPDATE projects SET schema_json = @json WHERE id = @p", ct, ("@json", newSchemaJson), ("@p", projectId));
            await session.CommitAsync(ct);
        }
        ForgetResolved();
        return await GetAsync(projectId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
    }
}
