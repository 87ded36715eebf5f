package rseq

// Area is struct rseq (include/uapi/linux/rseq.h), the per-thread area a
// task registers. It is shown here for its layout; the code reads and
// writes the fields at the offsets below. All fields are little-endian
// on both ringside architectures.
type Area struct {
	CPUIDStart uint32 // cpu_id_start, offset 0
	CPUID      uint32 // cpu_id, offset 4
	RseqCS     uint64 // rseq_cs, offset 8
	Flags      uint32 // flags, offset 16
	NodeID     uint32 // node_id, offset 20
	MMCID      uint32 // mm_cid, offset 24
	SliceCtrl  uint32 // slice_ctrl {u8 request; u8 granted; u16}, 28
}

// sliceCtrlGranted is slice_ctrl with only granted set, read as the
// little-endian u32 the code moves.
const sliceCtrlGranted uint32 = 1 << 8

// CS is struct rseq_cs, the descriptor of one critical section.
type CS struct {
	Version          uint32 // offset 0, must be 0
	Flags            uint32 // offset 4, must be 0
	StartIP          uint64 // offset 8
	PostCommitOffset uint64 // offset 16
	AbortIP          uint64 // offset 24
}

// Field offsets in struct rseq.
const (
	OffCPUIDStart = 0
	OffCPUID      = 4
	OffRseqCS     = 8
	OffFlags      = 16
	OffNodeID     = 20
	OffMMCID      = 24
	OffSliceCtrl  = 28
)

// Field offsets in struct rseq_cs, and its size.
const (
	csOffVersion          = 0
	csOffFlags            = 4
	csOffStartIP          = 8
	csOffPostCommitOffset = 16
	csOffAbortIP          = 24
	csSize                = 32
)

// OrigSize is ORIG_RSEQ_SIZE: the original struct rseq, padding included.
// A registration of exactly this length needs OrigSize alignment.
const OrigSize = 32

// Align is __alignof__(struct rseq), advertised as AT_RSEQ_ALIGN.
const Align = 32

// FeatureSize is what ringside advertises in AT_RSEQ_FEATURE_SIZE: the
// fields the kernel keeps up to date, offsetof(struct rseq, end). It is
// 32 since slice_ctrl (Linux 7.0); it was 28 from mm_cid (6.3) until
// then. Registrations longer than OrigSize must be at least this long.
const FeatureSize = OffSliceCtrl + 4

// cpu_id values that are not CPU numbers.
const (
	// RSEQ_CPU_ID_UNINITIALIZED: registered, IDs not written yet (and
	// the value unregistration leaves).
	RSEQ_CPU_ID_UNINITIALIZED int32 = -1
	// RSEQ_CPU_ID_REGISTRATION_FAILED: set by libc when rseq(2) failed.
	RSEQ_CPU_ID_REGISTRATION_FAILED int32 = -2
)

// rseq(2) flags.
const (
	RSEQ_FLAG_UNREGISTER           uint32 = 1
	RSEQ_FLAG_SLICE_EXT_DEFAULT_ON uint32 = 2
)

// Bits of the area's flags field that the kernel sets and user space only
// reads (enum rseq_cs_flags, "user read only feature flags"): slice
// extension is available, and is enabled for the task.
const (
	RSEQ_CS_FLAG_SLICE_EXT_AVAILABLE uint32 = 1 << 4
	RSEQ_CS_FLAG_SLICE_EXT_ENABLED   uint32 = 1 << 5
)

// Bytes of slice_ctrl (struct rseq_slice_ctrl: u8 request, u8 granted,
// u16 reserved). User space sets request; the kernel clears it and sets
// granted.
const (
	OffSliceRequest = OffSliceCtrl
	OffSliceGranted = OffSliceCtrl + 1
)

// NrSliceYield is __NR_rseq_slice_yield: 471 in x86-64's syscall_64.tbl
// and in the generic table (scripts/syscall.tbl) that arm64 uses, so one
// number serves both of ringside's architectures.
const NrSliceYield = 471

// Signatures: the 4 bytes user space must place right before every
// abort_ip. x86's is the imm32 of a ud1 (0f b9 3d 53 30 05 53), arm64's
// is brk #0x45e0.
const (
	SignatureAMD64 uint32 = 0x53053053
	SignatureARM64 uint32 = 0xd428bc00
)

// DefaultTaskSize is x86-64's TASK_SIZE with 4-level paging, the user
// address limit used when State.TaskSize is zero.
const DefaultTaskSize = 0x7ffffffff000
