namespace Sift.Text;

/// <summary>Metaspace's <c>prepend_scheme</c>: when a <c>▁</c> is put before a piece (and, in the decoder, removed again).</summary>
internal enum MetaspacePrepend
{
    Always,
    First,
    Never,
}
