using Kedro.IO;

namespace Kedro.Hooks;

/// <summary>Hooks on the data catalog (Kedro's <c>DataCatalogSpecs</c>). Every member has an empty default body.</summary>
public interface ICatalogHooks
{
    /// <summary>Called each time a catalog is created for a run (Kedro's <c>after_catalog_created</c>).</summary>
    /// <param name="catalog">The new catalog.</param>
    /// <param name="confCatalog">The catalog configuration it was built from.</param>
    /// <param name="confCreds">The credentials configuration (never log it).</param>
    /// <param name="parameters">The parameters added to the catalog.</param>
    /// <param name="saveVersion">The version every versioned dataset saves under, or <see langword="null"/>.</param>
    /// <param name="loadVersions">Dataset names mapped to the versions to load, or <see langword="null"/>.</param>
    void AfterCatalogCreated(
        DataCatalog catalog,
        IReadOnlyDictionary<string, object?> confCatalog,
        IReadOnlyDictionary<string, object?> confCreds,
        IReadOnlyDictionary<string, object?> parameters,
        string? saveVersion,
        IReadOnlyDictionary<string, string>? loadVersions)
    {
    }
}
