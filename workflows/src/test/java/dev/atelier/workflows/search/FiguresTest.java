package dev.atelier.workflows.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FiguresTest {
  @Test
  void threeSignificantFiguresAndScientificForTinyAndHugeNumbers() {
    assertEquals("9.81", Figures.of(9.8149));
    assertEquals("6.02", Figures.of(6.0249));
    assertEquals("8.2", Figures.of(8.2));
    assertEquals("0.001", Figures.of(0.001));
    assertEquals("1235", Figures.of(1234.6));
    assertEquals("2.0e-4", Figures.of(2e-4));
    assertEquals("2.45e-4", Figures.of(2.449e-4));
    assertEquals("-1.0e-5", Figures.of(-1e-5));
    assertEquals("1.0e-3", Figures.of(9.999e-4));
    assertEquals("NaN", Figures.of(Double.NaN));
    assertEquals("25%", Figures.percent(0.25));
  }
}
