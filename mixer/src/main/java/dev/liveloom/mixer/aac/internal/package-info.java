/**
 * The AAC-LC encoder behind {@link dev.liveloom.mixer.AudioEncoder#aacLc}.
 *
 * <p>Per frame of 1024 samples ({@link dev.liveloom.mixer.aac.internal.AacLcEncoder}):
 *
 * <ol>
 *   <li>Block switching ({@link dev.liveloom.mixer.aac.internal.BlockSwitcher}) looks one block ahead
 *       and picks ONLY_LONG / LONG_START / EIGHT_SHORT / LONG_STOP; short windows are grouped by energy.
 *   <li>Sine-window MDCT ({@link dev.liveloom.mixer.aac.internal.Mdct}, FFT based; KBD windows exist in
 *       {@link dev.liveloom.mixer.aac.internal.Windows} but are not chosen yet).
 *   <li>Temporal noise shaping for long blocks ({@link dev.liveloom.mixer.aac.internal.Tns}) where the
 *       spectrum predicts itself by more than 4 dB.
 *   <li>Psychoacoustic thresholds ({@link dev.liveloom.mixer.aac.internal.PsyModel}): band energy,
 *       spreading, tonality-dependent SMR, capped threshold in quiet, then partial whitening.
 *   <li>M/S per band by a perceptual-entropy estimate (channel pairs always use a common window).
 *   <li>Rate loop: scalefactors derive from the thresholds; one common offset is searched so the
 *       frame fits a budget drawn from the bit reservoir ({@link
 *       dev.liveloom.mixer.aac.internal.ChannelCoder}); sections are then merged greedily; FIL
 *       elements pad the frame when the reservoir overflows (never for digital silence).
 *   <li>Bitstream ({@link dev.liveloom.mixer.aac.internal.RawBlockWriter}, {@link
 *       dev.liveloom.mixer.aac.internal.SpectralCoder}, tables in {@link
 *       dev.liveloom.mixer.aac.internal.HuffmanTables} and {@link
 *       dev.liveloom.mixer.aac.internal.SwbTables}); ASC and ADTS in {@link
 *       dev.liveloom.mixer.aac.internal.AacConfigs}.
 * </ol>
 *
 * <p>Not done yet: TNS in short windows and a rate loop aware of TNS noise shaping, intensity stereo,
 * PNS, window-shape (KBD) decisions, per-band scalefactor refinement (trellis or two-loop), pulse
 * data. JAAD (inside jcodec 0.2.5) decodes these streams but does not undo TNS; judge TNS with ffmpeg.
 */
package dev.liveloom.mixer.aac.internal;
