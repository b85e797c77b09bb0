package com.acme.shop.service;

/**
 * The cause with which a reservation of {@link InventoryService#reserve} fails when the warehouse
 * has too little of a product.
 */
public class OutOfStockException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public OutOfStockException(String sku, int wanted, int available) {
    super(sku + " out of stock: " + wanted + " wanted, " + available + " available");
  }
}
