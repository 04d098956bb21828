/**
 * Internals of the sei module: SEI field codings ({@link dev.liveloom.sei.internal.SeiCoding}), the
 * hand-written layout JSON ({@link dev.liveloom.sei.internal.LayoutJson},
 * {@link dev.liveloom.sei.internal.JsonText}) and the inserter's per-channel NAL template
 * ({@link dev.liveloom.sei.internal.SeiNalTemplate}). Not API.
 */
package dev.liveloom.sei.internal;
