// Opened straight from disk (file://), the browser refuses to load the module scripts and the
// WebAssembly the page needs, and it would stay at 加载中… . Say so, in Chinese, and how to
// serve it instead. A classic script: it runs where module scripts are refused.
if (location.protocol === 'file:') {
  document.addEventListener('DOMContentLoaded', () => {
    const box = document.createElement('section');
    box.id = 'file-warning';
    box.className = 'file-warning';
    box.setAttribute('role', 'alert');
    const h = document.createElement('h2');
    h.textContent = '请通过网站地址打开本页面，不要直接双击 HTML 文件';
    const p1 = document.createElement('p');
    p1.textContent = '从磁盘直接打开（地址以 file:// 开头）时，浏览器出于安全规定不允许加载检查引擎（WebAssembly 和模块脚本），页面会一直停在“加载中…”。';
    const p2 = document.createElement('p');
    p2.textContent = '请把本目录放到任意静态网站服务器上再用浏览器访问，例如：在本目录中运行 python3 -m http.server 8000，然后打开 http://localhost:8000/ ；或放到单位内网的 nginx、IIS 站点目录下（.wasm 文件需以 application/wasm 类型发送）。检查仍在本机浏览器中进行，文本不会上传。';
    box.append(h, p1, p2);
    document.body.prepend(box);
  });
}
