using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Laoshi.Core.Errors;
using Laoshi.Storage.Data;

namespace Laoshi.Storage.Models;

/// <summary>
/// The model registry of each project: numbered versions of named models, their stages and thresholds. A name
/// without a version means its production version, or its newest when none is in production.
/// </summary>
public sealed class ModelStore
{
    private const string Columns = "id, project_id, name, version, kind, stage, settings, thresholds, blob_hash, url, snapshot, run_id, " +
                                   "description, created_by, created_at, stage_changed_at";
    private readonly StoreDatabase _database;

    internal ModelStore(StoreDatabase database) => _database = database;

    /// <summary>Registers the next version of the name as a candidate.</summary>
    public async Task<ModelVersionInfo> AddAsync(long projectId, NewModelVersion model, string createdBy, CancellationToken ct = default)
    {
        CheckName(model.Name);
        if (string.IsNullOrWhiteSpace(model.Kind)) throw new BadInputException("the model kind is empty", field: "kind");
        await using var session = await _database.WriteAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        var version = (await session.ScalarAsync<int?>("SELECT MAX(version) FROM model_versions WHERE project_id = @p AND name = @n", ct,
            ("@p", projectId), ("@n", model.Name)) ?? 0) + 1;
        var now = UnixTime.Now();
        long id;
        try
        {
            id = (await session.ScalarAsync<long?>(
                "INSERT INTO model_versions (project_id, name, version, kind, stage, settings, thresholds, blob_hash, url, snapshot, run_id, " +
                "description, created_by, created_at, stage_changed_at) VALUES (@p, @n, @v, @k, @s, @settings, '{}', @b, @u, @snap, @run, @d, @by, @now, @now) RETURNING id", ct,
                ("@p", projectId), ("@n", model.Name), ("@v", version), ("@k", model.Kind), ("@s", ModelStages.Candidate),
                ("@settings", model.Settings.ToJsonString()), ("@b", model.BlobHash), ("@u", model.Url), ("@snap", model.Snapshot),
                ("@run", model.RunId), ("@d", model.Description), ("@by", createdBy), ("@now", now)))!.Value;
        }
        catch (DbException)
        {
            throw new ConflictException($"model '{model.Name}' version {version} was registered at the same time; try again");
        }
        await session.CommitAsync(ct);
        return new ModelVersionInfo(id, projectId, model.Name, version, model.Kind, ModelStages.Candidate, model.Settings,
            new Dictionary<string, double>(), model.BlobHash, model.Url, model.Snapshot, model.RunId, model.Description, createdBy,
            UnixTime.ToDate(now), UnixTime.ToDate(now));
    }

    /// <summary>The project's model versions by name then version, optionally of one name or stage.</summary>
    public async Task<IReadOnlyList<ModelVersionInfo>> ListAsync(long projectId, string? name = null, string? stage = null, CancellationToken ct = default)
    {
        if (stage is not null && !ModelStages.IsKnown(stage))
            throw new BadInputException($"unknown stage '{stage}'; use {string.Join(", ", ModelStages.All)}", field: "stage");
        await using var session = await _database.ReadAsync(ct);
        await RowReaders.EnsureProjectAsync(session, projectId, ct);
        // Conditions are added only when given: PostgreSQL cannot type a parameter that is only ever compared with NULL.
        var sql = $"SELECT {Columns} FROM model_versions WHERE project_id = @p" + (name is null ? "" : " AND name = @n") + (stage is null ? "" : " AND stage = @s");
        return await RowReaders.ListAsync(session, sql + " ORDER BY name, version", Read, ct, ("@p", projectId), ("@n", name), ("@s", stage));
    }

    /// <param name="version">Null: the production version, else the newest version.</param>
    public async Task<ModelVersionInfo> GetAsync(long projectId, string name, int? version = null, CancellationToken ct = default)
    {
        await using var session = await _database.ReadAsync(ct);
        var found = version is null
            ? await RowReaders.ListAsync(session,
                $"SELECT {Columns} FROM model_versions WHERE project_id = @p AND name = @n ORDER BY CASE WHEN stage = @prod THEN 0 ELSE 1 END, version DESC LIMIT 1",
                Read, ct, ("@p", projectId), ("@n", name), ("@prod", ModelStages.Production))
            : await RowReaders.ListAsync(session, $"SELECT {Columns} FROM model_versions WHERE project_id = @p AND name = @n AND version = @v",
                Read, ct, ("@p", projectId), ("@n", name), ("@v", version.Value));
        return found.Count > 0 ? found[0] : throw new NotFoundException(version is null ? $"model '{name}'" : $"model '{name}' version {version}");
    }

    /// <summary>
    /// Moves a version to a stage. Promoting one to production archives the version that was in production, so a name
    /// has at most one production version and "name" keeps meaning one model.
    /// </summary>
    public async Task<ModelVersionInfo> SetStageAsync(long projectId, string name, int version, string stage, CancellationToken ct = default)
    {
        if (!ModelStages.IsKnown(stage)) throw new BadInputException($"unknown stage '{stage}'; use {string.Join(", ", ModelStages.All)}", field: "stage");
        await using (var session = await _database.WriteAsync(ct))
        {
            var now = UnixTime.Now();
            if (stage == ModelStages.Production)
                await session.ExecuteAsync(
                    "UPDATE model_versions SET stage = @archived, stage_changed_at = @now WHERE project_id = @p AND name = @n AND stage = @prod AND version <> @v", ct,
                    ("@archived", ModelStages.Archived), ("@now", now), ("@p", projectId), ("@n", name), ("@prod", ModelStages.Production), ("@v", version));
            var changed = await session.ExecuteAsync(
                "UPDATE model_versions SET stage = @s, stage_changed_at = @now WHERE project_id = @p AND name = @n AND version = @v", ct,
                ("@s", stage), ("@now", now), ("@p", projectId), ("@n", name), ("@v", version));
            if (changed == 0) throw new NotFoundException($"model '{name}' version {version}");
            await session.CommitAsync(ct);
        }
        return await GetAsync(projectId, name, version, ct);
    }

    /// <summary>Replaces the version's per-class thresholds (each 0..1; an empty map keeps every prediction).</summary>
    public async Task<ModelVersionInfo> SetThresholdsAsync(long projectId, string name, int version, IReadOnlyDictionary<string, double> thresholds,
        CancellationToken ct = default)
    {
        foreach (var (label, value) in thresholds)
        {
            if (string.IsNullOrEmpty(label)) throw new BadInputException("a threshold needs a label", path: "thresholds", field: "thresholds");
            if (!(value >= 0 && value <= 1))
                throw new BadInputException($"the threshold of '{label}' must be between 0 and 1, not {value.ToString(CultureInfo.InvariantCulture)}",
                    path: $"thresholds.{label}", field: "thresholds");
        }
        await using (var session = await _database.WriteAsync(ct))
        {
            var changed = await session.ExecuteAsync("UPDATE model_versions SET thresholds = @t WHERE project_id = @p AND name = @n AND version = @v", ct,
                ("@t", JsonSerializer.Serialize(thresholds)), ("@p", projectId), ("@n", name), ("@v", version));
            if (changed == 0) throw new NotFoundException($"model '{name}' version {version}");
            await session.CommitAsync(ct);
        }
        return await GetAsync(projectId, name, version, ct);
    }

    /// <summary>Letters, digits, '-', '_' and '.', up to 100: '@' separates the version in references and ':' a scheme.</summary>
    public static void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new BadInputException("the model name is empty", field: "name");
        if (name.Length > 100) throw new BadInputException("the model name is longer than 100 characters", field: "name");
        if (!name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw new BadInputException($"the model name '{name}' may hold only letters, digits, '-', '_' and '.'", field: "name");
        if (name.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))
            throw new BadInputException($"the model name '{name}' would read as a file path; drop '.onnx'", field: "name");
    }

    private static ModelVersionInfo Read(DbDataReader r) => new(
        r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetInt32(3), r.GetString(4), r.GetString(5),
        JsonNode.Parse(r.GetString(6)) as JsonObject ?? [],
        JsonSerializer.Deserialize<Dictionary<string, double>>(r.GetString(7)) ?? [],
        r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetString(10),
        r.IsDBNull(11) ? null : r.GetInt64(11), r.IsDBNull(12) ? null : r.GetString(12), r.GetString(13),
        UnixTime.ToDate(r.GetInt64(14)), UnixTime.ToDate(r.GetInt64(15)));
}
