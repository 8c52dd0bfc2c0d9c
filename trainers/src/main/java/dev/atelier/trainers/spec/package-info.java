/**
 * The trial spec: its records and the parser that turns JSON into them. The parser collects every
 * violation before it gives up, so a person fixing a spec sees all of its mistakes in one run, each
 * naming the field, the value and the rule.
 */
package dev.atelier.trainers.spec;
