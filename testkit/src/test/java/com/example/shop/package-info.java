/**
 * The test kit's worked example: {@code OrderService}, a plain service, and {@code OrderServiceTest},
 * which asserts its events with {@code HeraldExtension}. docs/testing.md walks through it.
 */
package com.example.shop;
