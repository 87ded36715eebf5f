package abi

import "encoding/binary"

// The arm64 rt signal frame (arch/arm64/kernel/signal.c,
// uapi/asm/sigcontext.h, uapi/asm/ucontext.h): struct siginfo, then
// struct ucontext whose uc_mcontext.__reserved holds a list of records
// (fpsimd_context first, an end marker last); a frame record {fp, lr}
// sits just above the frame. C's 16-byte alignment of __reserved adds
// the explicit padding fields below, so that binary.Size of each struct
// is the C size; Encode and the decoder lay them out by hand. __reserved
// ends both the ucontext and the frame, so the types split there: a
// delivery lays out the head and the records it writes, never 4 KiB of
// __reserved.

// SigcontextRegsARM64 is struct sigcontext up to __reserved, 288
// bytes: the registers a frame saves.
type SigcontextRegsARM64 struct {
	FaultAddress uint64
	Regs         [31]uint64
	SP, PC       uint64
	Pstate       uint64
	_            uint64 // __reserved is 16-byte aligned
}

// UcontextHeadARM64 is arm64's struct ucontext up to
// uc_mcontext.__reserved, 464 bytes: sigset_t padded to glibc's 1024
// bits, then uc_mcontext on a 16-byte boundary.
type UcontextHeadARM64 struct {
	Flags, Link uint64
	Stack       StackT
	Sigmask     uint64
	_           [120]byte // __unused: 1024/8 - sizeof(sigset_t)
	_           uint64    // uc_mcontext is 16-byte aligned
	Mcontext    SigcontextRegsARM64
}

// UcontextARM64 is arm64's struct ucontext, 4560 bytes. Its last field
// is the last field of uc_mcontext, __reserved, so it is the head and
// then the records.
type UcontextARM64 struct {
	UcontextHeadARM64
	// Reserved is uc_mcontext.__reserved.
	Reserved [SigcontextReservedARM64]byte
}

// RtSigframeARM64 is struct rt_sigframe, 4688 bytes.
type RtSigframeARM64 struct {
	Info [SiginfoSize]byte
	Uc   UcontextARM64
}

// Sizes and offsets of the arm64 frame.
const (
	RtSigframeSizeARM64     = 4688
	FrameUcARM64            = 128  // offsetof(struct rt_sigframe, uc)
	FrameReservedARM64      = 592  // uc.uc_mcontext.__reserved
	SigcontextReservedARM64 = 4096 // sizeof(__reserved)
	FrameRecordSize         = 16   // struct frame_record {fp, lr}

	// UcontextHeadSizeARM64 is sizeof(UcontextHeadARM64).
	UcontextHeadSizeARM64 = FrameReservedARM64 - FrameUcARM64

	// FrameWrittenARM64 is the part of the frame a delivery writes:
	// everything up to __reserved, then an fpsimd_context and the end
	// marker. Linux leaves the rest of __reserved as it was.
	FrameWrittenARM64 = FrameReservedARM64 + FpsimdContextSize +
		AArch64CtxSize
)

// Records of __reserved: each starts with struct _aarch64_ctx {u32
// magic; u32 size}, is 16-byte aligned, and a zero header ends the list.
const (
	FPSIMD_MAGIC = 0x46508001
	ESR_MAGIC    = 0x45535201
	EXTRA_MAGIC  = 0x45585401

	// FpsimdContextSize is sizeof(struct fpsimd_context): head, fpsr,
	// fpcr, vregs[32] of 16 bytes.
	FpsimdContextSize = 528
	// FpsimdVregsOff is offsetof(struct fpsimd_context, vregs).
	FpsimdVregsOff = 16
	// AArch64CtxSize is sizeof(struct _aarch64_ctx).
	AArch64CtxSize = 8
)

// Offsets in arm64's struct ucontext and struct sigcontext.
const (
	ucSigmaskARM64  = 40
	ucMcontextARM64 = 176
	scRegsARM64     = 8
	scSPARM64       = 256
)

// Encode lays out the frame in b, every byte.
func (f *RtSigframeARM64) Encode(b *[RtSigframeSizeARM64]byte) {
	copy(b[:], f.Info[:])
	f.Uc.UcontextHeadARM64.Encode(
		(*[UcontextHeadSizeARM64]byte)(b[FrameUcARM64:]))
	copy(b[FrameReservedARM64:], f.Uc.Reserved[:])
}

// DecodeRtSigframeARM64 reads a frame of RtSigframeSizeARM64 bytes.
func DecodeRtSigframeARM64(b []byte) RtSigframeARM64 {
	var f RtSigframeARM64
	copy(f.Info[:], b)
	f.Uc.UcontextHeadARM64.Decode(
		(*[UcontextHeadSizeARM64]byte)(b[FrameUcARM64:]))
	copy(f.Uc.Reserved[:], b[FrameReservedARM64:])
	return f
}

// Encode lays out the ucontext up to __reserved in b, every byte, the
// padding zero.
func (uc *UcontextHeadARM64) Encode(b *[UcontextHeadSizeARM64]byte) {
	le := binary.LittleEndian
	le.PutUint64(b[0:], uc.Flags)
	le.PutUint64(b[8:], uc.Link)
	uc.Stack.put(b[ucStack:])
	le.PutUint64(b[ucSigmaskARM64:], uc.Sigmask)
	clear(b[ucSigmaskARM64+8 : ucMcontextARM64])

	m, sc := &uc.Mcontext, b[ucMcontextARM64:]
	le.PutUint64(sc[0:], m.FaultAddress)
	for i, v := range m.Regs {
		le.PutUint64(sc[scRegsARM64+8*i:], v)
	}
	le.PutUint64(sc[scSPARM64:], m.SP)
	le.PutUint64(sc[scSPARM64+8:], m.PC)
	le.PutUint64(sc[scSPARM64+16:], m.Pstate)
	le.PutUint64(sc[scSPARM64+24:], 0)
}

// Decode reads a ucontext up to __reserved from b.
func (uc *UcontextHeadARM64) Decode(b *[UcontextHeadSizeARM64]byte) {
	le := binary.LittleEndian
	uc.Flags = le.Uint64(b[0:])
	uc.Link = le.Uint64(b[8:])
	uc.Stack.get(b[ucStack:])
	uc.Sigmask = le.Uint64(b[ucSigmaskARM64:])

	m, sc := &uc.Mcontext, b[ucMcontextARM64:]
	m.FaultAddress = le.Uint64(sc[0:])
	for i := range m.Regs {
		m.Regs[i] = le.Uint64(sc[scRegsARM64+8*i:])
	}
	m.SP = le.Uint64(sc[scSPARM64:])
	m.PC = le.Uint64(sc[scSPARM64+8:])
	m.Pstate = le.Uint64(sc[scSPARM64+16:])
}
