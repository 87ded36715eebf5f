//go:build tamago && arm64

package arm64

// GIC is what the tick needs from an Arm Generic Interrupt Controller,
// a GICv2 or a GICv3: both acknowledge with an IAR whose bits 9:0 are
// the interrupt ID (SpuriousIRQ when none) and end it with that IAR.
type GIC interface {
	// Init enables the controller for this CPU, every priority unmasked.
	Init()
	// Enable unmasks interrupt id at a middle priority.
	Enable(id int)
	// Ack acknowledges the highest-priority pending interrupt.
	Ack() uint32
	// EOI ends the interrupt Ack returned iar for.
	EOI(iar uint32)
	// Version is the GIC architecture version the driver implements.
	Version() int
}

// BoardGIC is the interrupt controller the board package found or
// declared in its Hwinit1; nil when it has none the kernel can drive.
var BoardGIC GIC

// The distributor's Peripheral ID2 register, ArchRev in bits 7:4: in
// the last word of a GICv2's 4 KiB distributor (IHI 0048B, 4.3.2), of a
// GICv3's 64 KiB one (IHI 0069, 12.9.30). A GICv2 distributor may end
// before the latter (QEMU's aborts the read); a GICv3 reads the former
// as zero, a reserved register.
const (
	gicdPIDR2v2 = 0x0fe8
	gicdPIDR2v3 = 0xffe8
)

// GICArchRev returns the architecture version of the GIC whose
// distributor is at gicd: 2 for GICv2, 3 for GICv3, 4 for GICv4 (a
// GICv4 is driven as a GICv3).
func GICArchRev(gicd uint64) int {
	if rev := Read32(gicd+gicdPIDR2v2) >> 4 & 0xf; rev != 0 {
		return int(rev)
	}
	return int(Read32(gicd+gicdPIDR2v3) >> 4 & 0xf)
}

// GICv2 is an Arm Generic Interrupt Controller v2 (Arm IHI 0048B): the
// distributor and the CPU interface, as much of them as the tick needs.
// It must be the non-secure view of a GIC without security extensions or
// one whose interrupts EL3 put in group 1 (QEMU virt without secure=on).
type GICv2 struct {
	// GICD and GICC are the distributor's and CPU interface's bases.
	GICD, GICC uint64
}

// Distributor and CPU interface registers (IHI 0048B, 4.1.2 and 4.1.3).
const (
	gicdCTLR       = 0x000
	gicdISENABLER  = 0x100
	gicdIPRIORITYR = 0x400
	giccCTLR       = 0x00
	giccPMR        = 0x04
	giccIAR        = 0x0c
	giccEOIR       = 0x10

	// SpuriousIRQ is the ID GICC_IAR reads when nothing is pending.
	SpuriousIRQ = 1023
)

// Init enables the distributor and the CPU interface, every priority
// unmasked.
func (g *GICv2) Init() {
	Write32(g.GICD+gicdCTLR, 1)
	Write32(g.GICC+giccPMR, 0xf0)
	Write32(g.GICC+giccCTLR, 1)
}

// Enable unmasks interrupt id at a middle priority.
func (g *GICv2) Enable(id int) {
	prio := g.GICD + gicdIPRIORITYR + uint64(id&^3)
	shift := 8 * uint(id&3)
	Write32(prio, Read32(prio)&^(0xff<<shift)|0x80<<shift)
	Write32(g.GICD+gicdISENABLER+4*uint64(id/32), 1<<(id%32))
}

// Ack acknowledges the highest-priority pending interrupt and returns
// GICC_IAR: the ID in bits 9:0, SpuriousIRQ when none.
func (g *GICv2) Ack() uint32 { return Read32(g.GICC + giccIAR) }

// EOI ends the interrupt Ack returned iar for.
func (g *GICv2) EOI(iar uint32) { Write32(g.GICC+giccEOIR, iar) }

// Version implements GIC.
func (g *GICv2) Version() int { return 2 }
