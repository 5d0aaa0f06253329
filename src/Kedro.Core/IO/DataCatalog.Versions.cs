using Kedro.IO.Internal;

namespace Kedro.IO;

/// <content>Load and save versions of the datasets in the catalog.</content>
public partial class DataCatalog
{
    /// <summary>
    /// Records a versioned dataset's load version and checks its save version against the catalog's (the first one
    /// seen becomes the catalog's), looking inside a <see cref="CachedDataset"/>; called under the lock.
    /// </summary>
    private void ValidateVersions(string name, IDataset dataset)
    {
        var inner = dataset is CachedDataset cached ? cached.Dataset : dataset;
        if (VersionedDatasets.GetVersion(inner) is not { } version)
        {
            return;
        }

        if (version.Save is { } save)
        {
            var catalogSave = _saveVersion ?? save;
            if (catalogSave != save)
            {
                throw CatalogErrors.SaveVersionConflict(name, save, catalogSave);
            }

            _saveVersion = catalogSave;
        }

        if (version.Load is { } load)
        {
            _loadVersions[name] = load;
        }
    }

    /// <summary>
    /// A new instance of a versioned dataset with another version, made from the configuration it was created from
    /// (Kedro deep-copies the dataset); a dataset that is not versioned is returned as it is.
    /// </summary>
    private IDataset WithVersion(string name, IDataset dataset, DatasetVersion version)
    {
        if (!VersionedDatasets.IsVersioned(dataset))
        {
            return dataset;
        }

        lock (_lock)
        {
            if (!_createdFrom.TryGetValue(name, out var config))
            {
                throw CatalogErrors.VersionOfInstance(name, version.Load);
            }

            var copy = ConfigTree.CopyMapping(config);
            copy["versioned"] = true;
            return CreateDataset(name, copy, version.Load, version.Save ?? _saveVersion);
        }
    }
}
