/*
 * A DTS Avro consumer built on Alibaba Cloud's own subscribe SDK (com.aliyun.dts:dts-new-subscribe-sdk,
 * resolved by scripts/java/dts-sdk/pom.xml): each stdin line is one message body in base64; each is
 * decoded as DTS's consumers decode it (AvroDeserializer, then AvroRecordParser's schema and row
 * images, whose values come from the SDK's DefaultValueDeserializer) and printed as one JSON line:
 *   {"op":"INSERT","object":"db.t","ddl":null|"...","error":null|"...",
 *    "fields":[{"name":"c","type":12,"before":V|null,"after":V|null}]}
 *   V = {"branch": the Avro union branch (DateTime, Character ...), "sdk": the SDK's ValueType,
 *        "text": the SDK value's toString(), "hex": its bytes where it holds bytes,
 *        "plain": a decimal's toPlainString()}
 * A record the SDK cannot decode prints its exception in "error" (the test fails on it). Run with
 * -Duser.timezone=UTC (the SDK prints a TIMESTAMP in the JVM's zone).
 */
import com.aliyun.dts.subscribe.clients.formats.avro.Record;
import com.aliyun.dts.subscribe.clients.record.AvroRecordParser;
import com.aliyun.dts.subscribe.clients.record.RecordField;
import com.aliyun.dts.subscribe.clients.record.RecordSchema;
import com.aliyun.dts.subscribe.clients.record.RowImage;
import com.aliyun.dts.subscribe.clients.record.value.DecimalNumeric;
import com.aliyun.dts.subscribe.clients.record.value.Value;
import com.aliyun.dts.subscribe.clients.recordgenerator.AvroDeserializer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

public class DtsSdkDecode {
    public static void main(String[] args) throws Exception {
        AvroDeserializer deserializer = new AvroDeserializer();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isEmpty()) continue;
            out.setLength(0);
            try {
                Record record = deserializer.deserialize(Base64.getDecoder().decode(line.trim()));
                String op = AvroRecordParser.getOperationType(record).name();
                out.append("{\"op\":").append(quote(op)).append(",\"object\":").append(quote(record.getObjectName()));
                if ("DDL".equals(op)) {
                    out.append(",\"ddl\":").append(quote(String.valueOf(record.getAfterImages()))).append(",\"fields\":[]");
                } else {
                    RecordSchema schema = AvroRecordParser.getRecordSchema(record);
                    RowImage before = AvroRecordParser.getRowImage(schema, record, true);
                    RowImage after = AvroRecordParser.getRowImage(schema, record, false);
                    List<Object> rawBefore = (List<Object>) record.getBeforeImages();
                    Object rawAfterImages = record.getAfterImages();
                    List<Object> rawAfter = rawAfterImages instanceof List ? (List<Object>) rawAfterImages : null;
                    out.append(",\"ddl\":null,\"fields\":[");
                    List<RecordField> fields = schema.getFields();
                    for (int i = 0; i < fields.size(); i++) {
                        RecordField f = fields.get(i);
                        if (i > 0) out.append(',');
                        out.append("{\"name\":").append(quote(f.getFieldName())).append(",\"type\":").append(f.getRawDataTypeNum());
                        out.append(",\"before\":");
                        value(out, before == null ? null : before.getValue(i), rawBefore == null ? null : rawBefore.get(i));
                        out.append(",\"after\":");
                        value(out, after == null ? null : after.getValue(i), rawAfter == null ? null : rawAfter.get(i));
                        out.append('}');
                    }
                    out.append(']');
                }
                out.append(",\"error\":null}");
            } catch (Throwable e) {
                out.setLength(0);
                out.append("{\"error\":").append(quote(e.getClass().getName() + ": " + e.getMessage())).append('}');
            }
            System.out.println(out);
        }
        System.out.flush();
    }

    static void value(StringBuilder out, Value v, Object raw) {
        if (v == null) {
            out.append("null");
            return;
        }
        out.append("{\"branch\":").append(quote(raw == null ? null : raw.getClass().getSimpleName()));
        out.append(",\"sdk\":").append(quote(v.getType().name()));
        out.append(",\"text\":").append(quote(v.toString()));
        Object data = v.getData();
        if (data instanceof ByteBuffer) out.append(",\"hex\":").append(quote(hex((ByteBuffer) data)));
        if (v instanceof DecimalNumeric) out.append(",\"plain\":").append(quote(((DecimalNumeric) v).getData().toPlainString()));
        out.append('}');
    }

    static String hex(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        d.rewind();
        StringBuilder s = new StringBuilder();
        while (d.hasRemaining()) s.append(String.format("%02x", d.get() & 0xff));
        return s.toString();
    }

    static String quote(Object o) {
        if (o == null) return "null";
        String s = o.toString();
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c >= 0x7f) b.append(String.format("\\u%04x", (int) c)); // ASCII out, whatever the JVM's encoding
            else b.append(c);
        }
        return b.append('"').toString();
    }
}
