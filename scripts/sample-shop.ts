/**
 * The sample `shop` database both examples read (customers, orders): the RocketMQ demo seeds it, and
 * `npm run example` creates it when the source lacks it. Dropped and created again: the local stack's
 * source is private to this checkout.
 */
import mysql from 'mysql2/promise';
import { sourceConnection } from './stack/index.js';

export async function seedShop(): Promise<void> {
  const conn = await mysql.createConnection({ ...sourceConnection(), multipleStatements: true });
  try {
    await conn.query(`
      DROP DATABASE IF EXISTS shop;
      CREATE DATABASE shop;
      CREATE TABLE shop.customers (
        id INT PRIMARY KEY, name VARCHAR(64) NOT NULL, email VARCHAR(128) NOT NULL, password_hash CHAR(60) NOT NULL);
      CREATE TABLE shop.orders (
        id BIGINT PRIMARY KEY, customer_id INT NOT NULL, status VARCHAR(16) NOT NULL,
        amount DECIMAL(12,2) NOT NULL, created_at DATETIME(6) NOT NULL);
      INSERT INTO shop.customers VALUES
        (1, 'Ada', 'ada@example.com', REPEAT('x', 60)), (2, 'Lin', 'lin@example.com', REPEAT('y', 60));
      INSERT INTO shop.orders VALUES
        (1001, 1, 'paid', 25.50, '2026-11-20 10:00:00.123456'),
        (1002, 2, 'new', 99.99, '2026-11-21 11:30:00.000001'),
        (1003, 1, 'cancelled', 5.00, '2026-11-22 09:15:00.5');`);
  } finally {
    await conn.end();
  }
}

/** Whether the source holds shop.customers and shop.orders. */
export async function shopExists(): Promise<boolean> {
  const conn = await mysql.createConnection(sourceConnection());
  try {
    const [rows] = await conn.query("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'shop' AND table_name IN ('customers', 'orders')");
    return (rows as { n: number }[])[0]!.n === 2;
  } finally {
    await conn.end();
  }
}
