package dev.mlship.data;

/**
 * Row indexes of one split, each array sorted ascending so the rows keep their file order.
 *
 * @param train rows to fit on
 * @param test  held-out rows (the validation rows when this is a cross-validation fold)
 */
public record Split(int[] train, int[] test) {
}
