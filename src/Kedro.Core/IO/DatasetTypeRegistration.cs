namespace Kedro.IO;

/// <summary>
/// A dataset type as a <see cref="DatasetTypeRegistry"/> knows it: the reported type name, every name and alias it is
/// registered under, and the factory as it was given.
/// </summary>
/// <param name="TypeName">The reported type name (the dataset's full .NET name).</param>
/// <param name="Names">Every name and alias the type is registered under.</param>
/// <param name="Factory">The factory as it was given: a <c>Func&lt;DatasetFactoryContext, TDataset&gt;</c>.</param>
public sealed record DatasetTypeRegistration(string TypeName, IReadOnlyList<string> Names, Delegate Factory);
