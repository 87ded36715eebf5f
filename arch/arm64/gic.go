//go:build tamago && arm64

package arm64

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
