namespace Kedro.IO;

/// <summary>A dataset with a <c>Confirm</c> step, called by the catalog after a node that names it in <c>confirms</c> succeeds.</summary>
public interface IConfirmableDataset : IDataset
{
    /// <summary>Confirms the dataset, for example marks incremental data as consumed.</summary>
    void Confirm();
}
